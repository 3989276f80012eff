import { describe, expect, it } from "vitest";
import type { ExperimentDetail, ExperimentEventDto } from "@/lib/contracts/experiments";
import { experimentReportMarkdown, reportFileName } from "./report-markdown";

const at = (s: number) => new Date(Date.UTC(2026, 11, 5, 13, 0, s)).toISOString();
const event = (s: number, patch: Partial<ExperimentEventDto>): ExperimentEventDto => ({
  id: `e${s}`,
  at: at(s),
  type: "note",
  phase: "step",
  message: "",
  data: null,
  auditId: null,
  ...patch,
});
const decisive = (s: number, step: number, weight: number, value: number, baseline: number) =>
  event(s, {
    type: "gate",
    message: `Step ${step + 1} gates pass`,
    data: {
      windowSeconds: 10,
      decisive: true,
      step,
      weight,
      pass: value >= 99,
      results: [
        {
          gate: "successRate",
          label: "v3 success rate %",
          value,
          threshold: 99,
          op: ">=",
          pass: value >= 99,
          baseline,
        },
      ],
    },
  });

const canary: ExperimentDetail = {
  id: "c1",
  kind: "canary",
  namespace: "bookinfo",
  service: "reviews",
  status: "failed",
  phase: "done",
  verdict: "rolled_back",
  summary: "Rolled back at step 2 (v1 50% / v3 50%): v3 success rate % = 97.00 (needs ≥ 99); the catch-all restored.",
  command: null,
  actor: "alice",
  actorGroups: [],
  kubeContext: "prod",
  clusterId: "uid",
  createdAt: at(0),
  startedAt: at(0),
  finishedAt: at(25),
  currentWeight: 0,
  currentStep: 1,
  clock: { phaseStartedAt: at(10), deadline: null },
  spec: {
    kind: "canary",
    namespace: "bookinfo",
    service: "reviews",
    from: "v1",
    to: "v3",
    steps: [10, 50],
    intervalSeconds: 10,
    gates: { minSuccessRate: 99, minRequests: 5 },
    failedCheckThreshold: 1,
  },
  events: [
    event(0, { type: "phase", message: "Step 1 of 2: v1 90% / v3 10%", data: { step: 0, weight: 10 } }),
    event(1, { type: "config", message: "Set reviews | catch-all to v3 10%", auditId: "a1" }),
    decisive(10, 0, 10, 99.6, 99.9),
    event(11, { type: "config", message: "Set v3 50%", auditId: "a2" }),
    decisive(21, 1, 50, 97, 99.8),
    event(25, { type: "phase", phase: "done", message: "Rolled back until 2026-12-05T13:00:25.000Z" }),
  ],
};

const utc = { timeZone: "UTC" };

describe("the report as Markdown", () => {
  it("opens with what ran, where, who started it, when, and the verdict in words", () => {
    const md = experimentReportMarkdown(canary, utc);
    expect(md.startsWith("# Report: Canary reviews v1 → v3\n")).toBe(true);
    expect(md).toContain("- Namespace: bookinfo (context prod)");
    expect(md).toContain("- Started by: alice");
    expect(md).toContain("- Started: 2026-12-05 13:00:00 UTC");
    expect(md).toContain("- Finished: 2026-12-05 13:00:25 UTC");
    expect(md).toContain("- Verdict: Rolled back");
    expect(md).toContain("Rolled back at step 2 (v1 50% / v3 50%)");
  });

  it("states what was asked in the report page's words", () => {
    const md = experimentReportMarkdown(canary, utc);
    expect(md).toContain("| Steps | 10 / 50% of traffic to v3, 10s each |");
    expect(md).toContain("judged once a step has 5 requests to v3");
  });

  it("lists each step's deciding gates with A beside B", () => {
    const md = experimentReportMarkdown(canary, utc);
    expect(md).toContain("| 1 | 10% | 10s | v3 success rate % 99.60 (v1: 99.90), needs ≥ 99 | pass |");
    expect(md).toContain("| 2 | 50% | 10s | v3 success rate % 97.00 (v1: 99.80), needs ≥ 99 | fail |");
  });

  it("lists the config changes with their audit ids, a message's pipe escaped so the table holds", () => {
    const md = experimentReportMarkdown(canary, utc);
    expect(md).toContain("| 2026-12-05 13:00:01 UTC | Set reviews \\| catch-all to v3 10% | a1 |");
    expect(md).toContain("| 2026-12-05 13:00:11 UTC | Set v3 50% | a2 |");
  });

  it("writes every moment in the one local format, the runner's UTC timestamps in messages too", () => {
    const md = experimentReportMarkdown(canary, { timeZone: "Europe/Berlin" });
    expect(md).toContain("| 2026-12-05 14:00:25 GMT+1 | done | phase | Rolled back until 2026-12-05 14:00:25 GMT+1 |");
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it("says so when a still running canary has no step judged and nothing changed yet", () => {
    const md = experimentReportMarkdown(
      { ...canary, status: "running", verdict: null, summary: null, finishedAt: null, events: [] },
      utc,
    );
    expect(md).toContain("- Finished: still running");
    expect(md).toContain("- Verdict: none yet");
    expect(md).toContain("No step was judged.");
    expect(md).toContain("The experiment changed nothing.");
  });

  it("names its files after the experiment", () => {
    expect(reportFileName(canary, "md")).toBe("experiment-canary-reviews-c1.md");
    expect(reportFileName(canary, "json")).toBe("experiment-canary-reviews-c1.json");
  });
});
