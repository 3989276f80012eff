"use client";

/**
 * "Why is this request going there?": a host, path and headers asked of the pod's proxy, answered with Envoy's
 * decision — the route configuration, the virtual host, each route tried in order (skipped ones say why) and where
 * the request goes. The question lives in the URL (use-envoy-url-state.ts), so the answer can be linked to.
 */
import { useState, type FormEvent } from "react";
import type { RouteDecision } from "@/lib/contracts/envoy";
import { useRouteMatch, type EnvoyTarget, type RouteQuestion } from "@/lib/queries/envoy";
import { Notice, cardClass } from "@/components/inventory/item-parts";
import { RouteLine } from "./routes-view";

const inputClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

/** One `name: value` per line, as the textarea takes them; blank lines dropped. */
export function headerLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.includes(":") && !l.startsWith(":"));
}

function RouteMatchForm({
  question,
  onAsk,
}: {
  question: RouteQuestion | undefined;
  onAsk: (q: RouteQuestion | null) => void;
}) {
  const [host, setHost] = useState(question?.host ?? "");
  const [path, setPath] = useState(question?.path ?? "/");
  const [headers, setHeaders] = useState((question?.headers ?? []).join("\n"));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!host.trim()) return;
    onAsk({ host: host.trim(), path: path.trim() || "/", headers: headerLines(headers) });
  };
  return (
    <form
      aria-label="Why is this request going there?"
      onSubmit={submit}
      className="grid gap-3 md:grid-cols-[1fr_1fr_1fr_auto]"
    >
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
        Host (with the port)
        <input
          value={host}
          onChange={(e) => setHost(e.target.value)}
          placeholder="reviews:9080"
          className={inputClass}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
        Path
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/reviews/0" className={inputClass} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
        Headers (one name: value a line)
        <textarea
          value={headers}
          onChange={(e) => setHeaders(e.target.value)}
          rows={2}
          placeholder="end-user: jason"
          className={`${inputClass} font-mono`}
        />
      </label>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50"
          disabled={!host.trim()}
        >
          Explain
        </button>
        {question && (
          <button
            type="button"
            onClick={() => onAsk(null)}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
          >
            Clear
          </button>
        )}
      </div>
    </form>
  );
}

export function DecisionTrail({ decision }: { decision: RouteDecision }) {
  return (
    <section aria-label="Route decision" data-outcome={decision.outcome} className="space-y-3">
      <p role="status" className={`text-sm font-medium ${decision.outcome === "routed" ? "" : "text-bad"}`}>
        {decision.summary}
      </p>
      <ol className="space-y-2 text-sm">
        {decision.routeConfig && (
          <li>
            <span className="font-semibold">Route configuration</span>{" "}
            <span className="font-mono">{decision.routeConfig.name}</span>: {decision.routeConfig.why}
          </li>
        )}
        {decision.virtualHost && (
          <li>
            <span className="font-semibold">Virtual host</span>{" "}
            <span className="font-mono">{decision.virtualHost.name}</span>: {decision.virtualHost.why}
          </li>
        )}
      </ol>
      {decision.steps.length > 0 && (
        <ol aria-label="Routes tried in order" className="space-y-2">
          {decision.steps.map((step) => (
            <li
              key={step.index}
              data-step={step.matched ? "matched" : "skipped"}
              className={`rounded-md border px-3 py-2 ${
                step.matched
                  ? "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950"
                  : "border-slate-200 dark:border-slate-800"
              }`}
            >
              <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                {step.matched ? "Matched" : "Skipped"}
              </p>
              <RouteLine route={step.route} index={step.index} />
              <ul className="mt-1 list-disc pl-10 text-xs text-slate-600 dark:text-slate-400">
                {step.reasons.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {decision.destinations.length > 0 && (
        <ul aria-label="Destinations" className="space-y-1 text-sm">
          {decision.destinations.map((d) => (
            <li key={d.cluster} className="font-mono text-xs break-all">
              {d.weight === undefined ? "" : `${d.weight}% → `}
              {d.cluster}
              {d.details?.subset ? ` (subset ${d.details.subset})` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function RouteMatchPanel({
  target,
  question,
  onAsk,
}: {
  target: EnvoyTarget;
  question: RouteQuestion | undefined;
  onAsk: (q: RouteQuestion | null) => void;
}) {
  const decision = useRouteMatch(target, question);
  return (
    <section aria-label="Route match" className={`${cardClass} space-y-3`}>
      <h3 className="text-sm font-semibold">Why is this request going there?</h3>
      {/* A new question from the URL (a link from Logs or Traces) starts a fresh form. */}
      <RouteMatchForm key={JSON.stringify(question ?? null)} question={question} onAsk={onAsk} />
      {question && decision.isPending && <Notice tone="info">Asking the proxy…</Notice>}
      {decision.isError && <Notice tone="error">{decision.error.message}</Notice>}
      {decision.data && <DecisionTrail decision={decision.data} />}
    </section>
  );
}
