"use client";

/**
 * /security/authorization/<namespace>/<name>: one AuthorizationPolicy — its action and meaning, whom it applies to,
 * each rule in words, its validations, and whom it allows and denies right now among the callers observed over the
 * chosen window; with links to its YAML and its audit log.
 */
import Link from "next/link";
import { useState } from "react";
import { cardClass, Notice } from "@/components/inventory/item-parts";
import { objectHref } from "@/components/istio-config/links";
import { LabelledField } from "@/components/ui/labelled-field";
import { MessageText } from "@/components/ui/message-text";
import type { AuthorizationPolicyDetail } from "@/lib/contracts/security";
import { useAuthorizationPolicyDetail } from "@/lib/queries/security";
import { PolicyEffectTable } from "./policy-effect-table";
import { policyAuditHref } from "./policy-links";
import { trafficWindows } from "./traffic-windows";

const severityClass = { error: "text-bad", warning: "text-warn", info: "text-slate-600 dark:text-slate-400" } as const;

function RulesSection({ detail }: { detail: AuthorizationPolicyDetail }) {
  return (
    <section aria-labelledby="rules-heading" className={cardClass}>
      <h2 id="rules-heading" className="mb-2 text-lg font-medium">
        Rules
      </h2>
      <p className="mb-2 text-sm">{detail.summary}</p>
      <ol className="space-y-2 text-sm" data-testid="policy-rules">
        {detail.rules.map((rule, index) => (
          <li key={index} data-rule={index}>
            <span className="font-medium">Rule {index + 1}:</span> {rule.sentence}
            <dl className="ml-4 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-600 dark:text-slate-400">
              <dt>from</dt>
              <dd>{rule.from.length === 0 ? "any caller" : rule.from.join(" — or — ")}</dd>
              <dt>to</dt>
              <dd>{rule.to.length === 0 ? "any request" : rule.to.join(" — or — ")}</dd>
              {rule.when.length > 0 && (
                <>
                  <dt>when</dt>
                  <dd>{rule.when.join(" and ")}</dd>
                </>
              )}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function PolicyDetailView({ namespace, name }: { namespace: string; name: string }) {
  const [windowMinutes, setWindowMinutes] = useState(60);
  const detail = useAuthorizationPolicyDetail(namespace, name, windowMinutes * 60);
  if (detail.isPending) return <Notice tone="info">Reading the policy…</Notice>;
  if (detail.isError)
    return (
      <Notice tone="error">
        <MessageText text={detail.error.message} />
      </Notice>
    );
  const d = detail.data;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="rounded bg-slate-100 px-2 py-0.5 font-semibold dark:bg-slate-800" data-testid="policy-action">
          {d.action}
          {d.provider ? ` (${d.provider})` : ""}
        </span>
        <Link className="underline" href={objectHref("AuthorizationPolicy", d.namespace, d.name, d.namespace)}>
          Edit YAML
        </Link>
        <Link className="underline" href={policyAuditHref(d.namespace, d.name)}>
          Audit log
        </Link>
        <Link className="underline" href={`/security?namespaces=${encodeURIComponent(d.namespace)}`}>
          Security of {d.namespace}
        </Link>
      </div>
      <section aria-labelledby="applies-heading" className={cardClass}>
        <h2 id="applies-heading" className="mb-2 text-lg font-medium">
          Applies to
        </h2>
        <p className="text-sm" data-testid="policy-scope">
          {d.scope}
        </p>
        {d.targetRefs.length === 0 && (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="policy-workloads">
            {d.workloads.length === 0
              ? "No running workload matches now."
              : d.workloads.map((w) => `${w.namespace}/${w.name}`).join(", ")}
          </p>
        )}
      </section>
      <RulesSection detail={d} />
      <section aria-labelledby="checks-heading" className={cardClass}>
        <h2 id="checks-heading" className="mb-2 text-lg font-medium">
          Validations
        </h2>
        {d.checks.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No problem found.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="policy-checks">
            {d.checks.map((c) => (
              <li key={`${c.code}-${c.path}-${c.message}`} className={severityClass[c.severity]}>
                <span className="font-mono text-xs">{c.code}</span> {c.message}{" "}
                <span className="text-xs text-slate-500">({c.path})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="effect-heading" className={cardClass}>
        <div className="mb-2 flex flex-wrap items-end justify-between gap-3">
          <h2 id="effect-heading" className="text-lg font-medium">
            Current effect on observed callers
          </h2>
          <LabelledField label="Traffic window">
            {(id) => (
              <select
                id={id}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
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
        <PolicyEffectTable effect={d.effect} />
      </section>
    </div>
  );
}
