import { describe, expect, it } from "vitest";
import type { QueryResult } from "@/server/adapters/prometheus";
import { describeFailures, evaluateCanaryGates } from "./evaluate-gates";
import { measureSubject } from "./measure-subjects";

const subject = { direction: "inbound" as const, namespace: "grpc-echo", service: "echo", workloads: ["echo-v2"] };

/**
 * Prometheus' answers for a gRPC B: 10 requests/s, all `response_code="200"`, `errors`/s of
 * them with grpc_response_status 14 — so only a query that reads the status finds them.
 */
function answering(errors: number) {
  return async (promql: string): Promise<QueryResult> => {
    const value = promql.startsWith("histogram_quantile")
      ? 4
      : promql.includes("grpc_response_status")
        ? errors
        : promql.includes("response_code")
          ? 0
          : 10;
    return { kind: "vector", samples: [{ labels: {}, time: 0, value }] };
  };
}

describe("a canary's gate evaluation", () => {
  it("fails B's success rate when its errors are gRPC statuses reported on HTTP 200, and says so", async () => {
    const to = await measureSubject(answering(7), subject, 20, new Date());
    const judged = evaluateCanaryGates({ minSuccessRate: 99, minRequests: 5 }, to, undefined, 20, "v2");
    expect(judged.pass).toBe(false);
    expect(judged.results).toEqual([
      {
        gate: "successRate",
        label: "v2 success rate %",
        value: expect.closeTo(30, 6),
        threshold: 99,
        op: ">=",
        pass: false,
      },
    ]);
    expect(describeFailures(judged)).toBe("v2 success rate % = 30.00 (needs ≥ 99), error rate 70.00%");
  });

  it("passes a healthy B and calls too little traffic 'not enough data', never a pass", async () => {
    const healthy = await measureSubject(answering(0), subject, 20, new Date());
    expect(evaluateCanaryGates({ minSuccessRate: 99, minRequests: 5 }, healthy, undefined, 20, "v2").pass).toBe(true);
    expect(evaluateCanaryGates({ minSuccessRate: 99, minRequests: 500 }, healthy, undefined, 20, "v2").pass).toBeNull();
  });
});

describe("A beside B", () => {
  const b = { rps: 10, successRate: 97, p95: 120, p99: 300 };
  const a = { rps: 30, successRate: 99.5, p95: 80, p99: null };

  it("records A's value of each measure with B's, without judging A", () => {
    const judged = evaluateCanaryGates({ minSuccessRate: 99, maxP99Ms: 400, minRequests: 5 }, b, a, 20, "v3");
    expect(judged.results.map((r) => [r.gate, r.value, r.baseline, r.pass])).toEqual([
      ["successRate", 97, 99.5, false],
      ["p99", 300, null, true],
    ]);
  });

  it("records no baseline when A was not measured", () => {
    const judged = evaluateCanaryGates({ minSuccessRate: 99, minRequests: 5 }, b, undefined, 20, "v3");
    expect(judged.results[0]).not.toHaveProperty("baseline");
  });
});
