"use client";

/**
 * The AuthorizationPolicy form: fill it in (or generate "allow only observed callers"), replay
 * it against the callers Prometheus saw, preview the write, then apply it through the write
 * path. Apply stays disabled until the form as it stands has been replayed, so nobody applies
 * a policy without having seen whom it denies.
 */
import { useState } from "react";
import { LabelledField } from "@/components/ui/labelled-field";
import { MessageText } from "@/components/ui/message-text";
import { buttonClass } from "@/components/istio-config/dialog-parts";
import { WizardAppliedView, WizardPreviewView } from "@/components/traffic/wizard-review";
import { authorizationActionSchema, type AuthorizationActionInput } from "@/lib/contracts/security";
import { useCan } from "@/lib/queries/permissions";
import {
  useApplyPolicy,
  useGenerateAllowObserved,
  usePreviewPolicy,
  useReplayAuthorization,
} from "@/lib/queries/security";
import { fromPolicyFields, parseLabels, toPolicyForm, type PolicyFormText } from "./form-text";
import { ReplayTable } from "./replay-table";
import { trafficWindows } from "./traffic-windows";

const fieldClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

const emptyForm = (namespace: string): PolicyFormText => ({
  namespace,
  name: "",
  action: "ALLOW",
  provider: "",
  selector: "",
  principals: "",
  namespaces: "",
  paths: "",
  methods: "",
  plaintextCallers: false,
  noRules: false,
});

function ErrorLine({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-bad">
      <MessageText text={error.message} />
    </p>
  );
}

export function PolicyWorkbench({ namespace }: { namespace: string }) {
  const [text, setText] = useState<PolicyFormText>(() => emptyForm(namespace));
  const [windowMinutes, setWindowMinutes] = useState(60);
  const [generatorWorkload, setGeneratorWorkload] = useState("");
  const [warnings, setWarnings] = useState<string[]>([]);
  const [replayedFor, setReplayedFor] = useState<string | null>(null);
  const replay = useReplayAuthorization();
  const generate = useGenerateAllowObserved();
  const preview = usePreviewPolicy();
  const apply = useApplyPolicy();
  const mayWrite = useCan(namespace, "createIstioConfig");

  const form = toPolicyForm({ ...text, namespace });
  const formKey = JSON.stringify([form, windowMinutes]);
  const invalidLabels = parseLabels(text.selector).invalid;
  const set = (patch: Partial<PolicyFormText>) => {
    setText((t) => ({ ...t, ...patch }));
    preview.reset();
    apply.reset();
  };

  const runReplay = () =>
    replay.mutate({ policy: form, windowSeconds: windowMinutes * 60 }, { onSuccess: () => setReplayedFor(formKey) });
  const runGenerate = () =>
    generate.mutate(
      {
        namespace,
        ...(generatorWorkload.trim() ? { workload: generatorWorkload.trim() } : {}),
        windowSeconds: windowMinutes * 60,
      },
      {
        onSuccess: (generated) => {
          const next = fromPolicyFields(generated.policy);
          setText(next);
          setWarnings(generated.warnings);
          replay.reset();
          preview.reset();
          apply.reset();
          setReplayedFor(JSON.stringify([toPolicyForm(next), windowMinutes]));
        },
      },
    );
  const shownReplay = replay.data ?? generate.data?.replay;
  const replayCurrent = replayedFor === formKey && shownReplay !== undefined;

  return (
    <section aria-label="New AuthorizationPolicy" className="flex flex-col gap-3" data-testid="policy-workbench">
      <h2 className="text-lg font-semibold">New AuthorizationPolicy in {namespace}</h2>
      <div className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
        <LabelledField label="Workload (empty: the whole namespace)">
          {(id) => (
            <input
              id={id}
              className={fieldClass}
              value={generatorWorkload}
              onChange={(e) => setGeneratorWorkload(e.target.value)}
              placeholder="reviews-v1"
            />
          )}
        </LabelledField>
        <button type="button" className={buttonClass.secondary} onClick={runGenerate} disabled={generate.isPending}>
          Allow only observed callers
        </button>
        <LabelledField label="Traffic window">
          {(id) => (
            <select
              id={id}
              className={fieldClass}
              value={windowMinutes}
              onChange={(e) => setWindowMinutes(Number(e.target.value))}
            >
              {trafficWindows.map((w) => (
                <option key={w.minutes} value={w.minutes}>
                  {w.label}
                </option>
              ))}
            </select>
          )}
        </LabelledField>
      </div>
      <ErrorLine error={generate.error} />
      {warnings.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-warn" aria-label="Generator warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        <LabelledField label="Name">
          {(id) => (
            <input id={id} className={fieldClass} value={text.name} onChange={(e) => set({ name: e.target.value })} />
          )}
        </LabelledField>
        <LabelledField label="Action">
          {(id) => (
            <select
              id={id}
              className={fieldClass}
              value={text.action}
              onChange={(e) => set({ action: e.target.value as AuthorizationActionInput })}
            >
              {authorizationActionSchema.options.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          )}
        </LabelledField>
        {text.action === "CUSTOM" && (
          <LabelledField label="Extension provider" hint="A name from meshConfig.extensionProviders">
            {(id) => (
              <input
                id={id}
                className={fieldClass}
                value={text.provider}
                onChange={(e) => set({ provider: e.target.value })}
              />
            )}
          </LabelledField>
        )}
        <LabelledField
          label="Workload labels (selector)"
          hint={
            invalidLabels.length ? `Not key=value: ${invalidLabels.join(", ")}` : "app=reviews; empty: every workload"
          }
        >
          {(id) => (
            <input
              id={id}
              className={fieldClass}
              value={text.selector}
              onChange={(e) => set({ selector: e.target.value })}
            />
          )}
        </LabelledField>
        <LabelledField label="From principals" hint="cluster.local/ns/<namespace>/sa/<service account>, one a line">
          {(id) => (
            <textarea
              id={id}
              rows={3}
              className={`${fieldClass} font-mono`}
              value={text.principals}
              onChange={(e) => set({ principals: e.target.value })}
            />
          )}
        </LabelledField>
        <LabelledField label="From namespaces">
          {(id) => (
            <input
              id={id}
              className={fieldClass}
              value={text.namespaces}
              onChange={(e) => set({ namespaces: e.target.value })}
            />
          )}
        </LabelledField>
        <LabelledField label="To paths" hint="Not in Istio's metrics: the replay cannot decide on them">
          {(id) => (
            <input id={id} className={fieldClass} value={text.paths} onChange={(e) => set({ paths: e.target.value })} />
          )}
        </LabelledField>
        <LabelledField label="To methods" hint="Not in Istio's metrics: the replay cannot decide on them">
          {(id) => (
            <input
              id={id}
              className={fieldClass}
              value={text.methods}
              onChange={(e) => set({ methods: e.target.value })}
            />
          )}
        </LabelledField>
      </div>
      <div className="flex flex-wrap gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={text.plaintextCallers}
            onChange={(e) => set({ plaintextCallers: e.target.checked })}
          />
          Also match every plaintext caller (<code>notPrincipals: [&quot;*&quot;]</code>)
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={text.noRules} onChange={(e) => set({ noRules: e.target.checked })} />
          No rules (an ALLOW policy then denies everything)
        </label>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.primary} onClick={runReplay} disabled={replay.isPending}>
          Replay against observed traffic
        </button>
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={!replayCurrent || !mayWrite || preview.isPending}
          onClick={() => preview.mutate({ policy: form })}
        >
          Preview the write
        </button>
        <button
          type="button"
          className={buttonClass.primary}
          disabled={!replayCurrent || !mayWrite || apply.isPending}
          title={replayCurrent ? undefined : "Replay this policy against observed traffic first"}
          onClick={() => apply.mutate({ policy: form })}
        >
          Apply
        </button>
      </div>
      <ErrorLine error={replay.error} />
      {shownReplay && (
        <div className={replayCurrent ? undefined : "opacity-60"}>
          {!replayCurrent && <p className="text-xs text-warn">The form changed since this replay: replay it again.</p>}
          <ReplayTable replay={shownReplay} />
        </div>
      )}
      <ErrorLine error={preview.error} />
      {preview.data && <WizardPreviewView preview={preview.data} />}
      <ErrorLine error={apply.error} />
      {apply.data && <WizardAppliedView changes={apply.data.changes} />}
    </section>
  );
}
