/**
 * Issue 19's proxy sync status against the simulator: the console reads istiod's `/debug/syncz` through
 * `pods/portforward` to port 15014 of istiod's pod, as `istioctl proxy-status` does, and finds every sidecar and both
 * gateways SYNCED; a proxy made stale through the simulator's control API then shows STALE, and SYNCED again after.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as meshGet } from "@/app/api/mesh/route";
import { meshViewSchema, type MeshView } from "@/lib/contracts/mesh";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { liveMeshDeps } from "./index";
import { readMeshView } from "./read-mesh";

describe("the Mesh page's sync status against the simulated mesh", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let control: string;

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("mesh", (paths) =>
      // The traffic engine serves the control API that makes a proxy stale.
      startSimulator({ port: 0, ...paths, metricsPort: 0 }),
    );
    control = (consoleEnv.sim.mesh?.metricsUrl ?? "").replace(/\/metrics$/, "/control");
  });

  afterAll(async () => {
    await consoleEnv?.stop();
  });

  const setStale = async (namespace: string, pod: string, stale: boolean) => {
    const response = await fetch(`${control}/proxies/${namespace}/${pod}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ stale }),
    });
    expect(response.status, await response.text()).toBe(200);
  };
  // Past the route's few-second cache: the live read, as the next refresh would show it.
  const freshView = (): Promise<MeshView> => readMeshView(liveMeshDeps());

  it("shows istiod, both gateways and every proxy SYNCED", async () => {
    const response = await meshGet();
    const body: unknown = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    const view = meshViewSchema.parse(body);
    expect(view.syncError).toBeUndefined();
    expect(view.controlPlane.istiod).toEqual([
      expect.objectContaining({ namespace: "istio-system", version: "1.24.2", revision: "default", ready: true }),
    ]);
    expect(view.gateways.map((g) => [g.kind, g.name])).toEqual([
      ["ingress", "istio-ingressgateway"],
      ["egress", "istio-egressgateway"],
    ]);
    const proxies = view.proxies.map((p) => `${p.namespace}/${p.pod}`);
    expect(proxies.some((p) => p.startsWith("bookinfo/productpage-v1-"))).toBe(true);
    expect(proxies.filter((p) => p.startsWith("istio-system/istio-"))).toHaveLength(2);
    expect(view.proxies.every((p) => p.overall === "SYNCED")).toBe(true);
    expect(view.proxies[0]?.types.ECDS.state).toBe("IGNORED");
  });

  it("shows istiod's sidecar injector as istioctl installs it and the namespaces labelled for injection", async () => {
    const { sidecarInjector, controlPlane } = await freshView();
    expect(sidecarInjector.problem).toBeUndefined();
    expect(sidecarInjector.webhooks.map((w) => w.name)).toEqual([
      "namespace.sidecar-injector.istio.io",
      "object.sidecar-injector.istio.io",
      "rev.namespace.sidecar-injector.istio.io",
      "rev.object.sidecar-injector.istio.io",
    ]);
    const byLabel = sidecarInjector.webhooks.find((w) => w.name === "namespace.sidecar-injector.istio.io");
    expect(byLabel).toMatchObject({
      configuration: "istio-sidecar-injector",
      revision: "default",
      service: "istiod.istio-system:443/inject",
      failurePolicy: "Fail",
      injectsEveryPod: true,
      caBundle: { subject: "O=cluster.local" },
    });
    expect(byLabel?.namespaces).toEqual(["bookinfo", "httpbin", "tcp-echo"]);
    // The webhook trusts the root CA istiod publishes.
    expect(byLabel?.caBundle).toEqual(controlPlane.rootCertificate);
    expect(sidecarInjector.namespaces.map((n) => [n.namespace, n.podsWithoutSidecar])).toEqual([
      ["bookinfo", []],
      ["httpbin", []],
      ["tcp-echo", []],
    ]);
  });

  it("shows a proxy made stale in the simulator as STALE, and SYNCED once it acks again", async () => {
    const details = (await freshView()).proxies.find((p) => p.pod.startsWith("details-v1-"));
    if (!details) throw new Error("no details proxy");
    await setStale("bookinfo", details.pod, true);
    const stale = await freshView();
    const row = stale.proxies.find((p) => p.pod === details.pod);
    expect(row?.overall).toBe("STALE");
    expect(row?.types.CDS.state).toBe("STALE");
    expect(stale.proxies.filter((p) => p.overall !== "SYNCED").map((p) => p.pod)).toEqual([details.pod]);

    await setStale("bookinfo", details.pod, false);
    expect((await freshView()).proxies.find((p) => p.pod === details.pod)?.overall).toBe("SYNCED");
  });
});
