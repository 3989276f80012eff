import { describe, expect, it } from "vitest";
import type { NamespaceOverview } from "@/lib/contracts/overview";
import { compareByProblems, problemsOf } from "./namespace-problems";

const noHealth = { healthy: 0, degraded: 0, failure: 0, na: 0, unknown: 0 };

/** istio-system as a cluster can show it: an addon pod without the opt-out, istiod and a gateway with no requests. */
const istioSystem: NamespaceOverview = {
  name: "istio-system",
  labels: {},
  controlPlane: true,
  injection: { state: "unset", pods: 3, podsWithoutSidecar: 1 },
  counts: { applications: 2, workloads: 3, services: 3 },
  health: { ...noHealth, na: 2 },
  config: { objects: 1, errors: 0, warnings: 0 },
  inboundRate: [],
  inboundTcpRate: [],
};

const bookinfo: NamespaceOverview = {
  name: "bookinfo",
  labels: { "istio-injection": "enabled" },
  controlPlane: false,
  injection: { state: "enabled", pods: 6, podsWithoutSidecar: 0 },
  counts: { applications: 4, workloads: 6, services: 4 },
  health: { ...noHealth, healthy: 4 },
  config: { objects: 5, errors: 0, warnings: 1 },
  inboundRate: [[1, 3]],
  inboundTcpRate: [],
};

const sorted = (...all: NamespaceOverview[]) => [...all].sort(compareByProblems).map((n) => n.name);

describe("most problems first on the Overview", () => {
  it("does not rank istio-system first for pods that run without a sidecar by design or apps with no data", () => {
    expect(problemsOf(istioSystem)).toEqual({
      failingApps: 0,
      configErrors: 0,
      degradedApps: 0,
      missingSidecars: 0,
      configWarnings: 0,
    });
    expect(sorted(istioSystem, bookinfo)).toEqual(["bookinfo", "istio-system"]);
  });

  it("still ranks the control plane first when one of its applications fails", () => {
    const gatewayFailing = { ...istioSystem, health: { ...istioSystem.health, na: 1, failure: 1 } };
    expect(sorted(bookinfo, gatewayFailing)).toEqual(["istio-system", "bookinfo"]);
  });

  it("puts one failing application before any number of degraded ones, config findings or missing sidecars", () => {
    const oneFailure = { ...bookinfo, name: "payments", health: { ...noHealth, healthy: 3, failure: 1 } };
    const noisy = {
      ...bookinfo,
      name: "legacy",
      health: { ...noHealth, degraded: 40 },
      config: { objects: 90, errors: 30, warnings: 60 },
      injection: { ...bookinfo.injection, podsWithoutSidecar: 25 },
    };
    expect(sorted(noisy, oneFailure, bookinfo)).toEqual(["payments", "legacy", "bookinfo"]);
  });

  it("counts pods without a sidecar where injection is asked for, not where it is disabled", () => {
    const restartPending = { ...bookinfo, name: "shop", config: { ...bookinfo.config, warnings: 0 } };
    restartPending.injection = { ...restartPending.injection, podsWithoutSidecar: 2 };
    const optedOut = {
      ...restartPending,
      name: "batch",
      injection: { state: "disabled" as const, pods: 2, podsWithoutSidecar: 2 },
    };
    expect(problemsOf(restartPending).missingSidecars).toBe(2);
    expect(problemsOf(optedOut).missingSidecars).toBe(0);
    expect(sorted(optedOut, restartPending)).toEqual(["shop", "batch"]);
  });

  it("orders namespaces without problems by name, whatever their unknown or no-data health", () => {
    const quiet = {
      ...bookinfo,
      name: "a-quiet",
      health: { ...noHealth, unknown: 4 },
      config: { ...bookinfo.config, warnings: 0 },
    };
    const clean = { ...bookinfo, name: "b-clean", config: { ...bookinfo.config, warnings: 0 } };
    expect(sorted(clean, istioSystem, quiet)).toEqual(["a-quiet", "b-clean", "istio-system"]);
  });
});
