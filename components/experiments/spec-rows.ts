import { canarySteps, describeSloSubject, type ExperimentSpec } from "@/lib/contracts/experiments";

/** The spec in a few labelled lines, as the report (page and Markdown) states what was asked. */
export function specSummaryRows(spec: ExperimentSpec): [string, string][] {
  return spec.kind === "canary"
    ? [
        [
          "Traffic",
          `${spec.service}: ${spec.from} → ${spec.to}, in ${spec.rule ? `rule "${spec.rule}"` : "the catch-all rule"} only`,
        ],
        ["Steps", `${canarySteps(spec).join(" / ")}% of traffic to ${spec.to}, ${spec.intervalSeconds}s each`],
        [
          "Gates on " + spec.to,
          [
            spec.gates.minSuccessRate !== undefined ? `success ≥ ${spec.gates.minSuccessRate}%` : "",
            spec.gates.maxP95Ms !== undefined ? `p95 ≤ ${spec.gates.maxP95Ms} ms` : "",
            spec.gates.maxP99Ms !== undefined ? `p99 ≤ ${spec.gates.maxP99Ms} ms` : "",
            spec.gates.maxSuccessRateDrop !== undefined
              ? `no worse than ${spec.from} by more than ${spec.gates.maxSuccessRateDrop} points`
              : "",
          ]
            .filter(Boolean)
            .join(", ") + `; judged once a step has ${spec.gates.minRequests} requests to ${spec.to}`,
        ],
        [
          "Rollback",
          `after ${spec.failedCheckThreshold} failed check${spec.failedCheckThreshold === 1 ? "" : "s"}, the rule restored as it was`,
        ],
      ]
    : [
        [
          "Target",
          `${spec.service}${spec.subset ? ` (subset ${spec.subset})` : ""}${spec.match.length ? `, requests with ${spec.match.map((m) => `${m.header} ${m.op} ${m.value}`).join(" and ")}` : ", all requests"}`,
        ],
        [
          "Fault",
          [
            spec.delay ? `delay ${spec.delay.fixedDelayMs} ms on ${spec.delay.percent}%` : "",
            spec.abort ? `abort ${spec.abort.httpStatus} on ${spec.abort.percent}%` : "",
          ]
            .filter(Boolean)
            .join(", "),
        ],
        [
          "Duration",
          `${spec.baselineSeconds}s baseline, ${spec.durationSeconds}s injected, ${spec.recoverySeconds}s recovery`,
        ],
        [
          "Hypothesis",
          `${describeSloSubject(spec.hypothesis)}: ${[spec.hypothesis.minSuccessRate !== undefined ? `success ≥ ${spec.hypothesis.minSuccessRate}%` : "", spec.hypothesis.maxP95Ms !== undefined ? `p95 ≤ ${spec.hypothesis.maxP95Ms} ms` : ""].filter(Boolean).join(", ")} over ${spec.hypothesis.windowSeconds}s`,
        ],
      ];
}
