"use client";

/**
 * A live policy's current effect: every caller observed over the window to the workloads it applies to, as the live
 * policies treat it, and whether this policy is what decides it (denied now, allowed without it — or the reverse).
 */
import type { PolicyEffect, ReplayedCaller } from "@/lib/contracts/security";
import { Notice } from "@/components/inventory/item-parts";
import { MessageText } from "@/components/ui/message-text";
import { decisionClass, decisionText, rate } from "./replay-table";

const decidedHere = (c: ReplayedCaller) => c.before.decision !== c.after.decision;

export function PolicyEffectTable({ effect }: { effect: PolicyEffect }) {
  if ("problem" in effect)
    return (
      <Notice tone="error">
        <MessageText text={effect.problem} />
      </Notice>
    );
  const { callers } = effect;
  const allowed = callers.filter((c) => c.after.decision === "allow");
  const denied = callers.filter((c) => c.after.decision === "deny");
  const deniedHere = denied.filter(decidedHere);
  return (
    <div className="flex flex-col gap-2" data-testid="policy-effect">
      <p className="text-sm" role="status">
        Over the last {Math.round(effect.windowSeconds / 60)} min, {callers.length} caller
        {callers.length === 1 ? "" : "s"}: {allowed.length} allowed, {denied.length} denied (
        <strong className={deniedHere.length > 0 ? "text-bad" : undefined}>{deniedHere.length} by this policy</strong>
        ), {callers.filter((c) => c.after.decision === "undecidable").length} undecidable.
      </p>
      {callers.length > 0 && (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-medium">Caller</th>
              <th className="py-1 pr-3 font-medium">Principal</th>
              <th className="py-1 pr-3 font-medium">Destination</th>
              <th className="py-1 pr-3 text-right font-medium">req/s</th>
              <th className="py-1 pr-3 font-medium">Now</th>
              <th className="py-1 font-medium">Without this policy</th>
            </tr>
          </thead>
          <tbody>
            {callers.map((c) => (
              <tr
                key={`${c.source.namespace}/${c.source.workload}/${c.source.principal}/${c.destination.workload}/${c.protocol}`}
                data-caller={`${c.source.namespace}/${c.source.workload}`}
                data-decided-here={decidedHere(c) ? "true" : "false"}
                className="border-t border-slate-100 align-top dark:border-slate-800"
              >
                <td className="py-1 pr-3">
                  {c.source.namespace}/{c.source.workload}
                </td>
                <td className="py-1 pr-3 font-mono text-xs">{c.source.principal ?? "none (plaintext)"}</td>
                <td className="py-1 pr-3">{c.destination.workload}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{rate(c.requestsPerSecond)}</td>
                <td className={`py-1 pr-3 ${decisionClass[c.after.decision]}`} data-column="now">
                  {decisionText[c.after.decision]}
                  <span className="block text-xs font-normal text-slate-500">{c.after.reason}</span>
                </td>
                <td className={`py-1 ${decisionClass[c.before.decision]}`}>{decisionText[c.before.decision]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul className="list-disc pl-5 text-xs text-slate-500">
        {effect.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
