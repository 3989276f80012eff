import { describe, expect, it, vi } from "vitest";
import { TopsailError } from "@/server/errors";
import { productpageDump } from "./__fixtures__/load-fixture";
import { explainProxyRoute, readProxySummary, type EnvoyDeps, type ProxyPod } from "./read-proxy-config";

const running: ProxyPod = {
  name: "productpage-v1-abc",
  workload: "productpage-v1",
  phase: "Running",
  hasSidecar: true,
};

function deps(pods: ProxyPod[]) {
  const readConfigDump = vi.fn<EnvoyDeps["readConfigDump"]>(async () => productpageDump());
  return { listPods: async () => pods, readConfigDump };
}

const target = { namespace: "bookinfo", workload: "productpage-v1", pod: "productpage-v1-abc" };

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof TopsailError ? error.code : undefined;
}

describe("reading a workload pod's proxy configuration", () => {
  it("reads the dump of a running pod with a sidecar", async () => {
    const d = deps([running]);
    const summary = await readProxySummary(d, target);
    expect(d.readConfigDump).toHaveBeenCalledWith("bookinfo", "productpage-v1-abc");
    expect(summary.pod).toBe("productpage-v1-abc");
    expect(summary.routeConfigs.map((c) => c.name)).toEqual(["9080"]);
  });

  it("refuses a pod of another workload as not found, without forwarding anything", async () => {
    const d = deps([{ ...running, workload: "reviews-v1" }]);
    expect(await codeOf(readProxySummary(d, target))).toBe("not_found");
    expect(d.readConfigDump).not.toHaveBeenCalled();
  });

  it("says a pod without a sidecar has no Envoy configuration", async () => {
    const d = deps([{ ...running, hasSidecar: false }]);
    expect(await codeOf(readProxySummary(d, target))).toBe("no_sidecar");
    expect(d.readConfigDump).not.toHaveBeenCalled();
  });

  it("says a pod that is not running serves nothing", async () => {
    expect(await codeOf(readProxySummary(deps([{ ...running, phase: "Pending" }]), target))).toBe("pod_not_running");
  });

  it("explains a request on the pod's own dump", async () => {
    const decision = await explainProxyRoute(deps([running]), target, {
      host: "reviews:9080",
      path: "/",
      headers: { "end-user": "jason" },
    });
    expect(decision.destinations.map((d) => d.cluster)).toEqual([
      "outbound|9080|v2|reviews.bookinfo.svc.cluster.local",
    ]);
  });
});
