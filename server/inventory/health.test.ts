import { describe, expect, it } from "vitest";
import { classRate } from "@/server/health/response-classes";
import { decideHealth, rollUpInbound, sumTotals } from "./health";

const sample = (labels: Record<string, string>, value: number) => ({
  labels: {
    request_protocol: "http",
    grpc_response_status: "",
    destination_service_name: "reviews",
    destination_canonical_service: "reviews",
    ...labels,
  },
  value,
});

describe("health roll-ups (Kiali's default thresholds)", () => {
  it("rolls requests up per workload, per app and per service", () => {
    const totals = rollUpInbound([
      sample({ destination_workload: "reviews-v1", response_code: "200" }, 9),
      sample({ destination_workload: "reviews-v2", response_code: "503" }, 1),
      sample(
        {
          destination_workload: "ratings-v1",
          destination_canonical_service: "ratings",
          destination_service_name: "ratings",
          response_code: "200",
        },
        4,
      ),
    ]);
    expect(totals.workloads.get("reviews-v1")?.total).toBe(9);
    expect(totals.apps.get("reviews")?.total).toBe(10);
    expect(totals.apps.get("reviews")?.error).toBe(1);
    expect(totals.services.get("ratings")?.total).toBe(4);
  });

  it("ignores series with no requests in the window and peers Istio could not name", () => {
    const totals = rollUpInbound([
      sample(
        {
          destination_workload: "unknown",
          destination_canonical_service: "unknown",
          destination_service_name: "unknown",
          response_code: "200",
        },
        3,
      ),
      sample({ destination_workload: "a", response_code: "200" }, 0),
    ]);
    expect(totals.workloads.size + totals.apps.size + totals.services.size).toBe(0);
  });

  const judge = (codes: Record<string, number>, replicas?: { desired: number; available: number }) =>
    decideHealth(
      rollUpInbound(
        Object.entries(codes).map(([code, rate]) => sample({ destination_workload: "w", response_code: code }, rate)),
      ).workloads.get("w"),
      replicas,
    );

  it("is healthy without errors, and degraded by any 5xx", () => {
    expect(judge({ "200": 10 }).status).toBe("healthy");
    const degraded = judge({ "200": 99, "500": 1 });
    expect(degraded.status).toBe("degraded");
    expect(degraded.reasons).toEqual(["5xx 1.0% (degraded > 0%, failure ≥ 10%)"]);
  });

  it("fails at 10% 5xx, at 20% 4xx and at 10% without response", () => {
    expect(judge({ "200": 9, "503": 1 }).status).toBe("failure");
    expect(judge({ "200": 85, "404": 15 }).status).toBe("degraded");
    expect(judge({ "200": 8, "404": 2 }).status).toBe("failure");
    expect(judge({ "200": 95, "0": 5 }).status).toBe("healthy");
    expect(judge({ "200": 9, "0": 1 }).status).toBe("failure");
  });

  it("reports the rate and the error share it judged", () => {
    expect(judge({ "200": 3, "500": 1 }).requests).toEqual({ rate: 4, errorPct: 25 });
  });

  it("judges replicas: none available fails, some missing degrades, and the worse verdict wins", () => {
    expect(decideHealth(undefined, { desired: 2, available: 0 }).status).toBe("failure");
    expect(decideHealth(undefined, { desired: 2, available: 1 })).toMatchObject({
      status: "degraded",
      reasons: ["1/2 replicas available"],
    });
    expect(decideHealth(undefined, { desired: 1, available: 1 }).status).toBe("healthy");
    expect(judge({ "200": 10 }, { desired: 3, available: 0 }).status).toBe("failure");
  });

  it("is unknown when the request figures are missing, unless the replicas alone show a problem", () => {
    expect(decideHealth(undefined, { desired: 1, available: 1 }, false)).toMatchObject({
      status: "unknown",
      reasons: ["request figures unavailable: Prometheus did not answer"],
    });
    expect(decideHealth(undefined, undefined, false).status).toBe("unknown");
    expect(decideHealth(undefined, { desired: 2, available: 1 }, false).status).toBe("degraded");
    expect(decideHealth(undefined, { desired: 2, available: 0 }, false).status).toBe("failure");
  });

  it("is n/a with neither requests nor replicas to judge", () => {
    expect(decideHealth(undefined)).toEqual({ status: "na", reasons: [] });
    expect(decideHealth(undefined, { desired: 0, available: 0 }).status).toBe("healthy");
  });

  it("adds totals of several workloads", () => {
    const t = rollUpInbound([
      sample({ destination_workload: "a", response_code: "200" }, 1),
      sample({ destination_workload: "b", response_code: "500" }, 1),
    ]);
    const sum = sumTotals([t.workloads.get("a"), t.workloads.get("b"), undefined]);
    expect(sum?.total).toBe(2);
    expect(sum && classRate(sum, "5xx")).toBe(1);
    expect(sumTotals([])).toBeUndefined();
  });
});
