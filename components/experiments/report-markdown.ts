/**
 * An experiment's report as Markdown, for a postmortem or a change ticket: the verdict,
 * what was asked, each canary step's deciding gates (with A beside B), the config changes
 * with their audit ids, and the full timeline. The same words as the report page
 * (spec-rows.ts, timeline-model.ts, experiment-title.ts) and the same time format
 * (lib/format-time.ts). Pure; the time zone is a parameter so it is tested.
 */
import type { ExperimentDetail, GateResult } from "@/lib/contracts/experiments";
import { formatLocalDateTime, localizeTimestamps, type TimeFormatOptions } from "@/lib/format-time";
import { experimentTitle, verdictText } from "./experiment-title";
import { specSummaryRows } from "./spec-rows";
import { configChanges, stepResults } from "./timeline-model";

/** A table cell: pipes escaped, line breaks folded, so a message cannot break the table. */
function cell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ");
}

function table(head: string[], rows: string[][]): string[] {
  return [
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

function gateValue(gate: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return "no data";
  return gate === "p95" || gate === "p99" ? `${Math.round(value)} ms` : value.toFixed(2);
}

function gateText(r: GateResult, from: string | undefined): string {
  const a = r.baseline !== undefined && from ? ` (${from}: ${gateValue(r.gate, r.baseline)})` : "";
  return `${r.label} ${gateValue(r.gate, r.value)}${a}, needs ${r.op === ">=" ? "≥" : "≤"} ${r.threshold}`;
}

export function experimentReportMarkdown(detail: ExperimentDetail, options: TimeFormatOptions = {}): string {
  const when = (at: string | null) => (at ? formatLocalDateTime(at, options) : "—");
  const words = (text: string) => localizeTimestamps(text, options);
  const from = detail.spec.kind === "canary" ? detail.spec.from : undefined;
  const lines: string[] = [
    `# Report: ${experimentTitle(detail)}`,
    "",
    `- Experiment: ${detail.id}`,
    `- Namespace: ${detail.namespace}${detail.kubeContext ? ` (context ${detail.kubeContext})` : ""}`,
    `- Started by: ${detail.actor}`,
    `- Started: ${when(detail.startedAt)}`,
    `- Finished: ${detail.finishedAt ? when(detail.finishedAt) : "still running"}`,
    `- Status: ${detail.status}`,
    `- Verdict: ${detail.verdict ? verdictText[detail.verdict] : "none yet"}`,
    "",
  ];
  if (detail.summary) lines.push(words(detail.summary), "");

  lines.push("## What was asked", "", ...table(["Setting", "Value"], specSummaryRows(detail.spec)), "");

  if (detail.kind === "canary") {
    const steps = stepResults(detail);
    lines.push("## Each step", "");
    if (steps.length === 0) lines.push("No step was judged.", "");
    else
      lines.push(
        ...table(
          ["Step", "Weight", "Window", "Gates", "Result"],
          steps.map((s) => [
            String(s.step + 1),
            s.weight === null ? "—" : `${s.weight}%`,
            `${s.windowSeconds}s`,
            s.results.map((r) => gateText(r, from)).join("; "),
            s.pass === null ? "not enough data" : s.pass ? "pass" : "fail",
          ]),
        ),
        "",
      );
  }

  const changes = configChanges(detail);
  lines.push("## Config changes made and reverted", "");
  if (changes.length === 0) lines.push("The experiment changed nothing.", "");
  else
    lines.push(
      ...table(
        ["Time", "Change", "Audit id"],
        changes.map((e) => [when(e.at), words(e.message), e.auditId ?? "—"]),
      ),
      "",
    );

  lines.push(
    "## Full timeline",
    "",
    ...table(
      ["Time", "Phase", "Type", "Event"],
      detail.events.map((e) => [when(e.at), e.phase, e.type, words(e.message)]),
    ),
    "",
  );
  return lines.join("\n");
}

/** The file names both downloads use: what and when, safe in any file system. */
export function reportFileName(detail: Pick<ExperimentDetail, "id" | "service" | "kind">, extension: "md" | "json") {
  return `experiment-${detail.kind}-${detail.service}-${detail.id}.${extension}`;
}
