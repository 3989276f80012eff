import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMesh, type RunningMesh } from "../index";
import { createDefaultScenarioStore } from "../test-support/scenario-store";

describe("the metrics server and control API", () => {
  let mesh: RunningMesh;
  let base: string;
  beforeAll(async () => {
    mesh = await startMesh({ store: createDefaultScenarioStore(), metricsPort: 0, realTime: false, seed: 5 });
    base = mesh.metricsUrl.replace(/\/metrics$/, "");
    mesh.engine.advanceBy(5_000);
  });
  afterAll(() => mesh.stop());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(base + path, {
      method,
      ...(body !== undefined
        ? {
            body: typeof body === "string" ? body : JSON.stringify(body),
            headers: { "content-type": "application/json" },
          }
        : {}),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  it("serves Istio metrics in Prometheus text format", async () => {
    const response = await fetch(mesh.metricsUrl);
    expect(response.headers.get("content-type")).toContain("version=0.0.4");
    const text = await response.text();
    expect(text).toContain("# TYPE istio_requests_total counter");
    expect(text).toMatch(/istio_requests_total\{reporter="destination",source_workload="productpage-v1"/);
  });

  it("shows the state, and changes an entry point's load", async () => {
    expect((await call("GET", "/control")).json.load).toMatchObject({
      "bookinfo-ingress": { requestsPerSecond: 20, jasonShare: 0.1 },
    });
    const changed = await call("PUT", "/control/load", { entryPoint: "bookinfo-ingress", requestsPerSecond: 50 });
    expect(changed).toEqual({
      status: 200,
      json: { entryPoint: "bookinfo-ingress", load: { requestsPerSecond: 50, connections: 1, jasonShare: 0.1 } },
    });
  });

  it("makes the curl pod call a host outside the mesh, and takes a host only for that entry point", async () => {
    const changed = await call("PUT", "/control/load", {
      entryPoint: "external",
      requestsPerSecond: 5,
      host: "edition.cnn.com",
      path: "/politics",
    });
    expect(changed.status).toBe(200);
    expect(changed.json.load).toMatchObject({
      requestsPerSecond: 5,
      host: "edition.cnn.com",
      port: 80,
      path: "/politics",
    });
    mesh.engine.advanceBy(5_000);
    const text = await (await fetch(mesh.metricsUrl)).text();
    expect(text).toMatch(/source_workload="curl".*destination_service="edition\.cnn\.com"/);
    const https = await call("PUT", "/control/load", {
      entryPoint: "external",
      scheme: "https",
      host: "www.google.com",
    });
    expect(https.json.load).toMatchObject({ scheme: "https", host: "www.google.com", port: 443 });
    expect((await call("PUT", "/control/load", { entryPoint: "fortio", scheme: "https" })).status).toBe(400);
    expect((await call("PUT", "/control/load", { entryPoint: "fortio", host: "httpbin.org" })).status).toBe(400);
    expect((await call("PUT", "/control/load", { entryPoint: "external", host: "not a host" })).status).toBe(400);
    await call("PUT", "/control/load", { entryPoint: "external", requestsPerSecond: 0, scheme: "http" });
  });

  it("makes a canary bad", async () => {
    const response = await call("PUT", "/control/workloads/bookinfo/reviews-v3", {
      errorRate: 0.3,
      latencyMs: { p50: 100 },
    });
    expect(response.status).toBe(200);
    expect((await call("GET", "/control")).json.workloads).toEqual({
      "bookinfo/reviews-v3": { errorRate: 0.3, latencyMs: { p50: 100 } },
    });
  });

  it("makes a workload answer gRPC calls with a status", async () => {
    const response = await call("PUT", "/control/workloads/bookinfo/ratings-v1", { errorRate: 1, grpcStatus: 14 });
    expect(response).toMatchObject({
      status: 200,
      json: { workload: "bookinfo/ratings-v1", behaviour: { errorRate: 1, grpcStatus: 14 } },
    });
  });

  it("answers bad bodies and unknown workloads with clear errors", async () => {
    const bad = await call("PUT", "/control/load", { entryPoint: "nowhere", requestsPerSecond: -1 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toMatch(/entryPoint/);
    expect(JSON.stringify(bad.json)).toMatch(/requestsPerSecond/);
    expect((await call("PUT", "/control/load", "{nope")).status).toBe(400);
    expect((await call("PUT", "/control/workloads/bookinfo/reviews-v3", { errorRate: 2 })).status).toBe(400);
    const okStatus = await call("PUT", "/control/workloads/bookinfo/reviews-v3", { errorRate: 1, grpcStatus: 0 });
    expect(okStatus.status).toBe(400);
    expect(JSON.stringify(okStatus.json)).toMatch(/grpcStatus/);
    const unknown = await call("PUT", "/control/workloads/bookinfo/reviews-v9", { errorRate: 0.1 });
    expect(unknown.status).toBe(404);
    expect(String((unknown.json.error as { message: string }).message)).toContain("reviews-v3");
    expect((await call("DELETE", "/control/load")).status).toBe(405);
    expect((await call("GET", "/nowhere")).status).toBe(404);
  });

  it("refuses changes from another site and bodies that are not JSON, changing nothing", async () => {
    const before = (await call("GET", "/control")).json;
    const crossSite = await fetch(base + "/control/reset", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
    });
    expect(crossSite.status).toBe(403);
    const fetchSite = await fetch(base + "/control/pause", {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(fetchSite.status).toBe(403);
    const form = await fetch(base + "/control/load", {
      method: "PUT",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ entryPoint: "fortio", requestsPerSecond: 0 }),
    });
    expect(form.status).toBe(415);
    expect(((await form.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
    expect((await call("GET", "/control")).json).toEqual(before);
  });

  it("pauses, resumes and resets", async () => {
    expect((await call("POST", "/control/pause")).json.paused).toBe(true);
    expect((await call("POST", "/control/resume")).json.paused).toBe(false);
    const reset = await call("POST", "/control/reset");
    expect(reset.json.workloads).toEqual({});
    expect(reset.json.load).toMatchObject({ "bookinfo-ingress": { requestsPerSecond: 20 } });
  });

  it("makes a proxy stale and synced again, and names the proxies of a namespace for an unknown pod", async () => {
    const pod = mesh.engine.snapshot().pods.find((p) => p.name.startsWith("details-v1"))?.name ?? "";
    expect(await call("PUT", `/control/proxies/bookinfo/${pod}`, { stale: true })).toEqual({
      status: 200,
      json: { proxy: `bookinfo/${pod}`, stale: true },
    });
    expect((await call("GET", "/control")).json.staleProxies).toEqual([`bookinfo/${pod}`]);
    await call("PUT", `/control/proxies/bookinfo/${pod}`, { stale: false });
    expect((await call("GET", "/control")).json.staleProxies).toEqual([]);
    const unknown = await call("PUT", "/control/proxies/bookinfo/nope", { stale: true });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.json)).toContain(pod);
    expect((await call("PUT", `/control/proxies/bookinfo/${pod}`, { stale: "yes" })).status).toBe(400);
  });
});
