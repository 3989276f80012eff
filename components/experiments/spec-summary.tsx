import type { ExperimentSpec } from "@/lib/contracts/experiments";
import { specSummaryRows } from "./spec-rows";

/** The spec in a few lines, as the report states what was asked. */
export function SpecSummary({ spec }: { spec: ExperimentSpec }) {
  const rows = specSummaryRows(spec);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
