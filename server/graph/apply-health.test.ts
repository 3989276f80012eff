import { describe, expect, it } from "vitest";
import { applyHealth } from "./apply-health";
import { buildTrafficMap, endpointsFor } from "./build-traffic-map";
import { clusterState, row, workload } from "./test-support/rows";
import type { TrafficRow } from "./traffic-row";
import type { WorkloadSummary } from "./graph-sources";

function healthOf(rows: TrafficRow[], workloads: WorkloadSummary[] = []) {
  const map = applyHealth(buildTrafficMap(rows, [], endpointsFor("workload")), clusterState({ workloads }));
  return [...map.nodes.values()].find((n) => n.data.workload === "reviews-v1")?.data.healthData;
}

const mix = (codes: Record<string, number>) =>
  Object.entries(codes).map(([code, rate]) => row("productpage-v1", "reviews-v1", { code, rate }));

describe("node health with Kiali's default thresholds", () => {
  it.each([
    [{ "200": 100 }, "healthy"],
    [{ "200": 99.5, "503": 0.5 }, "degraded"],
    [{ "200": 90, "503": 10 }, "failure"],
    [{ "200": 91, "404": 9 }, "healthy"],
    [{ "200": 90, "404": 10 }, "degraded"],
    [{ "200": 80, "404": 20 }, "failure"],
    [{ "200": 91, "0": 9 }, "healthy"],
    [{ "200": 90, "0": 10 }, "failure"],
  ])("inbound %j → %s", (codes, status) => {
    expect(healthOf(mix(codes))?.status).toBe(status);
  });

  it("says why a node is not healthy", () => {
    expect(healthOf(mix({ "200": 88, "503": 12 }))).toMatchObject({
      status: "failure",
      reasons: ["5xx 12.0% (degraded > 0%, failure ≥ 10%)"],
      requests: { inboundRate: "100.00", errorPct: "12.0" },
    });
  });

  it("fails a workload with no available replica and degrades one partly available", () => {
    expect(
      healthOf(mix({ "200": 1 }), [workload("reviews-v1", { desiredReplicas: 2, availableReplicas: 0 })])?.status,
    ).toBe("failure");
    expect(
      healthOf(mix({ "200": 1 }), [workload("reviews-v1", { desiredReplicas: 2, availableReplicas: 1 })]),
    ).toMatchObject({ status: "degraded", workload: { desiredReplicas: 2, availableReplicas: 1 } });
  });

  it("has no opinion on a node with neither traffic in nor known workloads", () => {
    const map = applyHealth(buildTrafficMap(mix({ "200": 1 }), [], endpointsFor("workload")), clusterState());
    expect([...map.nodes.values()].find((n) => n.data.workload === "productpage-v1")?.data.healthData?.status).toBe(
      "na",
    );
  });
});
