"use client";

/** The replay's answer: every observed caller of the policy's workloads, denied ones first, with its rate. */
import type { AuthorizationReplay, DecisionDto, ReplayedCaller } from "@/lib/contracts/security";

export const decisionText: Record<DecisionDto, string> = {
  allow: "allowed",
  deny: "denied",
  undecidable: "cannot be decided from metrics",
};
export const decisionClass: Record<DecisionDto, string> = {
  allow: "text-emerald-700 dark:text-emerald-400",
  deny: "font-semibold text-bad",
  undecidable: "text-warn",
};

export const rate = (rps: number) => (rps >= 10 ? rps.toFixed(0) : rps >= 0.1 ? rps.toFixed(2) : rps.toPrecision(2));
const changed = (c: ReplayedCaller) => c.before.decision !== c.after.decision;

export function ReplayTable({ replay }: { replay: AuthorizationReplay }) {
  const denied = replay.callers.filter((c) => c.after.decision === "deny");
  const newlyDenied = denied.filter(changed);
  return (
    <section aria-label="Replay against observed traffic" className="flex flex-col gap-2" data-testid="replay">
      <p className="text-sm" role="status">
        Over the last {Math.round(replay.windowSeconds / 60)} min, {replay.callers.length} caller
        {replay.callers.length === 1 ? "" : "s"} of {replay.workloads.map((w) => w.name).join(", ") || "no workload"}:{" "}
        <strong className={newlyDenied.length ? "text-bad" : undefined}>{newlyDenied.length} newly denied</strong>,{" "}
        {denied.length - newlyDenied.length} already denied,{" "}
        {replay.callers.filter((c) => c.after.decision === "undecidable").length} undecidable.
      </p>
      {replay.callers.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-medium">Caller</th>
              <th className="py-1 pr-3 font-medium">Principal</th>
              <th className="py-1 pr-3 font-medium">Destination</th>
              <th className="py-1 pr-3 text-right font-medium">req/s</th>
              <th className="py-1 pr-3 font-medium">Now</th>
              <th className="py-1 font-medium">With this policy</th>
            </tr>
          </thead>
          <tbody>
            {replay.callers.map((c) => (
              <tr
                key={`${c.source.namespace}/${c.source.workload}/${c.source.principal}/${c.destination.workload}/${c.protocol}`}
                className="border-t border-slate-100 align-top dark:border-slate-800"
              >
                <td className="py-1 pr-3">
                  {c.source.namespace}/{c.source.workload}
                </td>
                <td className="py-1 pr-3 font-mono text-xs">{c.source.principal ?? "none (plaintext)"}</td>
                <td className="py-1 pr-3">{c.destination.workload}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{rate(c.requestsPerSecond)}</td>
                <td className={`py-1 pr-3 ${decisionClass[c.before.decision]}`}>{decisionText[c.before.decision]}</td>
                <td className={`py-1 ${decisionClass[c.after.decision]}`} title={c.after.reason}>
                  {decisionText[c.after.decision]}
                  <span className="block text-xs font-normal text-slate-500">{c.after.reason}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul className="list-disc pl-5 text-xs text-slate-500">
        {replay.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
