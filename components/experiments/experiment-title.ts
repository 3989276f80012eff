import type { ExperimentDetail, ExperimentSummary, ExperimentVerdict } from "@/lib/contracts/experiments";

/** "Canary reviews v1 → v3" / "Fault on ratings": what lists and headings call an experiment. */
export function experimentTitle(e: ExperimentSummary | ExperimentDetail): string {
  if ("spec" in e && e.spec.kind === "canary") return `Canary ${e.service} ${e.spec.from} → ${e.spec.to}`;
  if (e.kind === "canary") return `Canary ${e.service}`;
  return `Fault on ${e.service}`;
}

/** A verdict in words: the badge, the report and its Markdown say the same. */
export const verdictText: Record<ExperimentVerdict, string> = {
  held: "Hypothesis held",
  violated: "Hypothesis violated",
  promoted: "Promoted",
  rolled_back: "Rolled back",
  aborted: "Aborted",
  inconclusive: "Inconclusive",
};
