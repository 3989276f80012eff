import type { StepResult } from "./timeline-model";

function formatValue(gate: string, value: number | null): string {
  if (value === null) return "no data";
  return gate === "p95" || gate === "p99" ? `${Math.round(value)} ms` : value.toFixed(2);
}

/** Each canary step's deciding evaluation: every gate's value against its threshold. */
export function StepTable({ steps }: { steps: StepResult[] }) {
  if (steps.length === 0) return <p className="text-sm text-slate-500">No step has been judged yet.</p>;
  return (
    <table className="w-full text-left text-sm" aria-label="Gate results per step">
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th className="py-1 pr-3">Step</th>
          <th className="py-1 pr-3">Weight</th>
          <th className="py-1 pr-3">Window</th>
          <th className="py-1 pr-3">Gates</th>
          <th className="py-1">Result</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {steps.map((s) => (
          <tr key={s.step} data-step={s.step} data-pass={String(s.pass)}>
            <td className="py-1 pr-3">{s.step + 1}</td>
            <td className="py-1 pr-3">{s.weight ?? "—"}%</td>
            <td className="py-1 pr-3">{s.windowSeconds}s</td>
            <td className="py-1 pr-3">
              {s.results.map((r) => (
                <span key={r.gate} className="mr-3 inline-block">
                  {r.label}: <strong>{formatValue(r.gate, r.value)}</strong> ({r.op === ">=" ? "≥" : "≤"} {r.threshold})
                </span>
              ))}
            </td>
            <td className="py-1">{s.pass === null ? "not enough data" : s.pass ? "pass" : "fail"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
