"use client";

import { Dialog } from "radix-ui";
import { wizardTitles, type WizardId, type WizardInputs } from "@/lib/contracts/traffic";
import { carriesTcp } from "@/lib/istio/port-protocol";
import { useTrafficState } from "@/lib/queries/traffic";
import { MessageText } from "@/components/ui/message-text";
import { buttonClass } from "./fields";
import { isShiftingWizard, TrafficProtocolSwitch } from "./traffic-protocol-switch";
import { WizardBody } from "./wizard-body";

/** Where the YAML editor shows the object a wizard cannot show faithfully. */
function editorHref(namespace: string, kind: string, name: string) {
  return `/istio/${encodeURIComponent(namespace)}/${kind}/${encodeURIComponent(name)}`;
}

function WizardContent({
  namespace,
  service,
  wizard,
  onSwitch,
}: {
  namespace: string;
  service: string;
  wizard: WizardId;
  onSwitch(wizard: WizardId): void;
}) {
  const state = useTrafficState(namespace, service);
  if (state.isPending) return <p className="text-sm">Reading {service}&apos;s routing…</p>;
  if (state.error)
    return (
      <p role="alert" className="text-sm text-bad">
        <MessageText text={state.error.message} />
      </p>
    );
  const start = state.data.wizards[wizard];
  const protocolSwitch = isShiftingWizard(wizard) && (
    <TrafficProtocolSwitch state={state.data} wizard={wizard} onSwitch={onSwitch} />
  );
  // The switch says itself why TCP shifting is not offered; the server's reason would repeat it.
  if (wizard === "tcp-traffic-shifting" && !carriesTcp(state.data.ports)) return protocolSwitch;
  if (!start.supported) {
    const kind = wizard === "circuit-breaker" ? "DestinationRule" : "VirtualService";
    const object = wizard === "circuit-breaker" ? state.data.destinationRule : state.data.virtualService;
    return (
      <div role="alert" className="flex flex-col gap-2 text-sm">
        <p>
          This wizard cannot show {service}&apos;s {kind} faithfully, so it will not change it: {start.reason}.
        </p>
        <p>
          <a className="underline" href={editorHref(namespace, kind, object?.metadata.name ?? service)}>
            Edit {kind} {object?.metadata.name ?? service} in the YAML editor
          </a>
        </p>
      </div>
    );
  }
  // Keyed by wizard only: applying changes the live versions, and the body must stay to say so.
  // Each opening reads the live objects afresh (the query keeps no cache), so the form and its base are current.
  return (
    <>
      {protocolSwitch}
      <WizardBody key={wizard} wizard={wizard} state={state.data} start={start.input as WizardInputs[typeof wizard]} />
    </>
  );
}

export function WizardDialog({
  namespace,
  service,
  wizard,
  onSwitch,
  onClose,
}: {
  namespace: string;
  service: string;
  wizard: WizardId | null;
  /** Opens another wizard of the same service in this dialog (HTTP ↔ TCP traffic shifting). */
  onSwitch(wizard: WizardId): void;
  onClose(): void;
}) {
  return (
    <Dialog.Root open={wizard !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-8 z-50 flex max-h-[calc(100vh-4rem)] w-[min(52rem,calc(100vw-2rem))] -translate-x-1/2 flex-col gap-4 overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-5 shadow-xl dark:border-slate-700 dark:bg-slate-950">
          <div className="flex items-start gap-3">
            <div>
              <Dialog.Title className="text-lg font-semibold">
                {wizard ? wizardTitles[wizard] : ""}: {service}
              </Dialog.Title>
              <Dialog.Description className="text-sm text-slate-600 dark:text-slate-300">
                Namespace {namespace}. Only the fields this wizard owns change; every other rule and field is kept.
              </Dialog.Description>
            </div>
            <Dialog.Close className={`${buttonClass} ml-auto`}>Close</Dialog.Close>
          </div>
          {wizard && <WizardContent namespace={namespace} service={service} wizard={wizard} onSwitch={onSwitch} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
