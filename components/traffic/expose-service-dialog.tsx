"use client";

/**
 * "Expose this service" on a service page: a Gateway on the ingress gateway and a
 * VirtualService binding one host to the service, previewed (diffs, validation, the chosen
 * Secret's facts and checks) and applied through the common write path.
 */
import { Dialog } from "radix-ui";
import { useState } from "react";
import { SecretFactsPanel } from "@/components/gateways/secret-facts-panel";
import { MessageText } from "@/components/ui/message-text";
import { exposeInputSchema, type ExposeInput } from "@/lib/contracts/expose";
import { useApplyExpose, usePreviewExpose } from "@/lib/queries/expose";
import { useTrafficState } from "@/lib/queries/traffic";
import { ExposeServiceForm, type ExposeFormValue } from "./expose-service-form";
import { buttonClass, primaryButtonClass } from "./fields";
import { fieldErrorsOf } from "./form-errors";
import { FormErrorsProvider, ProblemSummary } from "./form-errors-context";
import { WizardAppliedView, WizardPreviewView } from "./wizard-review";

function toInput(value: ExposeFormValue): ExposeInput {
  const { protocol, host, servicePort, credentialName } = value;
  return protocol === "HTTP" ? { protocol, host, servicePort } : { protocol, host, servicePort, credentialName };
}

function ExposeBody({
  namespace,
  service,
  ports,
}: {
  namespace: string;
  service: string;
  ports: { port: number; name?: string }[];
}) {
  const [value, setValue] = useState<ExposeFormValue>({
    protocol: "HTTP",
    host: "",
    servicePort: ports[0]?.port ?? 80,
    credentialName: "",
  });
  const preview = usePreviewExpose(namespace, service);
  const apply = useApplyExpose(namespace, service);
  const parsed = exposeInputSchema.safeParse(toInput(value));
  const errors = parsed.success ? [] : fieldErrorsOf(parsed.error.issues);
  const [triedToSubmit, setTriedToSubmit] = useState(false);
  const request = parsed.success ? { input: parsed.data } : undefined;
  const blocking = preview.data?.credentialChecks.some((c) => c.severity === "error") ?? false;

  if (apply.isSuccess) return <WizardAppliedView changes={apply.data.changes} />;
  return (
    <div className="flex flex-col gap-4">
      <FormErrorsProvider errors={errors} showAll={triedToSubmit}>
        <ExposeServiceForm
          value={value}
          ports={ports}
          onChange={(next) => {
            setValue(next);
            preview.reset();
          }}
        />
      </FormErrorsProvider>
      <ProblemSummary errors={errors} shown={triedToSubmit} action="previewing" />
      {preview.data && <WizardPreviewView preview={preview.data} />}
      {preview.data && preview.data.credentials.length > 0 && (
        <section aria-label="Credential Secret" className="space-y-2">
          {preview.data.credentials.map((facts) => (
            <SecretFactsPanel
              key={`${facts.namespace}/${facts.name}`}
              facts={facts}
              role="credential"
              checkedAt={new Date(preview.submittedAt).toISOString()}
            />
          ))}
          <ul className="text-xs">
            {preview.data.credentialChecks.map((c, i) => (
              <li key={i} className={c.severity === "error" ? "text-bad" : "text-warn"}>
                {c.message} ({c.code})
              </li>
            ))}
          </ul>
        </section>
      )}
      {(preview.error || apply.error) && (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={(apply.error ?? preview.error)?.message ?? ""} />
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={preview.isPending}
          onClick={() => {
            setTriedToSubmit(true);
            if (request) preview.mutate(request);
          }}
        >
          {preview.isPending ? "Previewing…" : "Preview changes"}
        </button>
        <button
          type="button"
          className={primaryButtonClass}
          disabled={!request || !preview.data || blocking || apply.isPending}
          onClick={() => request && apply.mutate(request)}
        >
          {apply.isPending ? "Applying…" : "Apply"}
        </button>
      </div>
    </div>
  );
}

function ExposeContent({ namespace, service }: { namespace: string; service: string }) {
  const state = useTrafficState(namespace, service);
  if (state.isPending) return <p className="text-sm">Reading {service}…</p>;
  if (state.error)
    return (
      <p role="alert" className="text-sm text-bad">
        <MessageText text={state.error.message} />
      </p>
    );
  return <ExposeBody namespace={namespace} service={service} ports={state.data.ports} />;
}

export function ExposeServiceButton({ namespace, service }: { namespace: string; service: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className={buttonClass}>Expose this service</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-8 z-50 flex max-h-[calc(100vh-4rem)] w-[min(52rem,calc(100vw-2rem))] -translate-x-1/2 flex-col gap-4 overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-5 shadow-xl dark:border-slate-700 dark:bg-slate-950">
          <div className="flex items-start gap-3">
            <div>
              <Dialog.Title className="text-lg font-semibold">Expose this service: {service}</Dialog.Title>
              <Dialog.Description className="text-sm text-slate-600 dark:text-slate-300">
                Creates a Gateway on the ingress gateway (istio: ingressgateway) and a VirtualService that sends one
                host to {service} in {namespace}.
              </Dialog.Description>
            </div>
            <Dialog.Close className={`${buttonClass} ml-auto`}>Close</Dialog.Close>
          </div>
          {open && <ExposeContent namespace={namespace} service={service} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
