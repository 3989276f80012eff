/**
 * The Traces views against the simulator's Jaeger-compatible query API (issue 18: Bookinfo's
 * real span structure served as Istio's Jaeger addon serves it, under /jaeger). With a fault
 * abort on ratings for jason, the console lists reviews-v2's failed traces, draws one as a
 * waterfall with the aborted ratings call (500 FI, no ratings span under it), maps it onto
 * the graph's hops, and finds it again from its x-request-id.
 *
 * Written against the documented API while the simulator's side was being built in
 * parallel: it expects the mesh's HTTP server to answer the Jaeger API under `/jaeger`
 * (or the running mesh to name its `tracingUrl`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as traceListRoute } from "@/app/api/namespaces/[namespace]/[kind]/[name]/traces/route";
import { GET as requestTraceRoute } from "@/app/api/traces/request/[requestId]/route";
import { GET as traceRoute } from "@/app/api/traces/[traceId]/route";
import { GET as tracingStatusRoute } from "@/app/api/tracing/status/route";
import { traceDetailSchema, traceListResponseSchema, tracingStatusSchema } from "@/lib/contracts/tracing";
import { createJaegerClient } from "@/server/adapters/tracing";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import type { RunningMesh } from "@/sim/mesh";
import { eventually } from "@/sim/mesh/test-support/prometheus-harness";
import { RATINGS_TEST_ABORT, REVIEWS_TEST_V2, VIRTUAL_SERVICE_ALL_V1 } from "@/sim/mesh/test-support/sample-networking";
import { applyYaml } from "@/sim/mesh/test-support/scenario-store";

/** The simulator's Jaeger query base URL (`…/jaeger`), there when it was started with a tracing port. */
function jaegerUrlOf(mesh: RunningMesh): string {
  if (!mesh.tracingUrl) throw new Error("the simulator started without its Jaeger query API");
  return mesh.tracingUrl;
}

describe("traces from the simulator's Jaeger API", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let jaegerUrl: string;
  const savedTracingUrl = process.env.TOPSAIL_TRACING_URL;

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("tracing", (paths) =>
      startSimulator({
        port: 0,
        metricsPort: 0,
        tracingPort: 0,
        seed: 18,
        load: { "bookinfo-ingress": { requestsPerSecond: 20, jasonShare: 0.5 } },
        ...paths,
      }),
    );
    const mesh = consoleEnv.sim.mesh;
    if (!mesh) throw new Error("the simulator started without its traffic engine");
    jaegerUrl = jaegerUrlOf(mesh);
    // Read once by getConfig(): set before the first route runs.
    process.env.TOPSAIL_TRACING_URL = jaegerUrl;
    applyYaml(consoleEnv.sim.store, VIRTUAL_SERVICE_ALL_V1 + REVIEWS_TEST_V2 + RATINGS_TEST_ABORT);
  });

  afterAll(async () => {
    if (savedTracingUrl === undefined) delete process.env.TOPSAIL_TRACING_URL;
    else process.env.TOPSAIL_TRACING_URL = savedTracingUrl;
    await consoleEnv?.stop();
  });

  it("answers the Jaeger API with Bookinfo's services, named <app>.<namespace>", async () => {
    const bookinfoServices = ["istio-ingressgateway.istio-system", "productpage.bookinfo", "reviews.bookinfo"];
    const client = createJaegerClient({ url: jaegerUrl, timeoutMs: 5_000 });
    const services = await eventually(
      () => client.listServices(),
      (list) => bookinfoServices.every((s) => list.includes(s)),
    );
    // Not ratings: once the VirtualServices are in, nothing reaches it (reviews v1 never calls it, jason's calls are
    // aborted at reviews' proxy), so it has spans only from the moments before they were applied.
    expect(services).toEqual(expect.arrayContaining(bookinfoServices));
  });

  it("says tracing is configured", async () => {
    const status = tracingStatusSchema.parse(await (await tracingStatusRoute()).json());
    expect(status).toEqual({ configured: true });
  });

  it("lists reviews-v2's failed traces, draws the aborted ratings call and finds the trace from its request id", async () => {
    const listFailed = async () => {
      const response = await traceListRoute(
        new Request("http://localhost/api/namespaces/bookinfo/workloads/reviews-v2/traces?errorsOnly=true&range=300"),
        { params: Promise.resolve({ namespace: "bookinfo", kind: "workloads", name: "reviews-v2" }) },
      );
      expect(response.status).toBe(200);
      return traceListResponseSchema.parse(await response.json());
    };
    const list = await eventually(listFailed, (l) => l.traces.length > 0);
    expect(list.service).toBe("reviews.bookinfo");
    const summary = list.traces[0];
    if (!summary) throw new Error("no failed trace of reviews-v2 within a minute");
    expect(summary.errorSpans).toBeGreaterThan(0);

    const detailResponse = await traceRoute(new Request(`http://localhost/api/traces/${summary.traceId}`), {
      params: Promise.resolve({ traceId: summary.traceId }),
    });
    expect(detailResponse.status).toBe(200);
    const detail = traceDetailSchema.parse(await detailResponse.json());
    const aborted = detail.spans.find((s) => s.workload === "reviews-v2" && s.responseFlags === "FI");
    expect(aborted).toMatchObject({ kind: "client", httpCode: 500, error: true });
    expect(detail.spans.some((s) => s.parentId === aborted?.spanId)).toBe(false);
    expect(detail.spans[0]?.workload).toBe("istio-ingressgateway");
    expect(detail.path.hops).toContainEqual(
      expect.objectContaining({ from: "bookinfo/reviews-v2", to: "bookinfo/service:ratings", error: true }),
    );

    const requestId = detail.requestId;
    expect(requestId).toBeTruthy();
    const byRequest = await requestTraceRoute(
      new Request(`http://localhost/api/traces/request/${requestId}?namespace=bookinfo&workload=productpage-v1`),
      { params: Promise.resolve({ requestId: requestId as string }) },
    );
    expect(byRequest.status).toBe(200);
    expect(traceDetailSchema.parse(await byRequest.json()).traceId).toBe(detail.traceId);
  });

  it("answers 404 for a trace id the backend does not hold", async () => {
    const response = await traceRoute(new Request("http://localhost/api/traces/ffffffffffffffffffffffffffffffff"), {
      params: Promise.resolve({ traceId: "ffffffffffffffffffffffffffffffff" }),
    });
    expect(response.status).toBe(404);
  });
});
