/**
 * Issue 20's `isInaccessible`, reconciled with issue 16, through the graph routes: a viewer who
 * may see a namespace (`get namespaces`) but not read its workloads (`list pods`) gets its nodes
 * marked inaccessible; a viewer who may read them gets no flag; the anonymous console gets no
 * flag. The simulator's RBAC decides (demo users of its token file): carol is given `get` on the
 * httpbin namespace only, bob views httpbin. Prometheus is a stand-in answering hand-written
 * samples (test-support/answers.ts): fortio in httpbin calls productpage in bookinfo.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphResponse } from "@/lib/contracts/graph";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "@/sim/index";
import { GET as getNodeGraphRoute } from "@/app/api/namespaces/[namespace]/[kind]/[name]/graph/route";
import { GET as getGraphRoute } from "@/app/api/namespaces/graph/route";
import { grantNamespaceGet } from "@/server/auth/test-support/grant-namespace-get";
import { demoViewer } from "@/server/auth/test-support/demo-viewer";
import { runAsViewer } from "@/server/auth/viewer";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { startPrometheusStandIn, type PrometheusStandIn } from "@/server/http/test-support/prometheus-stand-in";
import { answeringSources, http200, sample } from "./test-support/answers";

const bob = demoViewer("bob");
const carol = demoViewer("carol");

const answers = answeringSources([
  {
    metric: "istio_requests_total",
    reporter: "destination",
    namespace: "bookinfo",
    samples: [sample("httpbin/fortio", "bookinfo/productpage-v1", 4, http200)],
  },
  {
    metric: "istio_requests_total",
    reporter: "source",
    namespace: "httpbin",
    samples: [sample("httpbin/fortio", "bookinfo/productpage-v1", 4, http200)],
  },
]);

/** Each node's workload and flag, as the viewer was answered. */
const flags = (graph: GraphResponse) =>
  Object.fromEntries(graph.elements.nodes.map((n) => [n.data.workload ?? n.data.id, n.data.isInaccessible]));

async function namespaceGraph(): Promise<GraphResponse> {
  const response = await getGraphRoute(
    new Request("http://localhost/api/namespaces/graph?namespaces=bookinfo&graphType=workload"),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as GraphResponse;
}

describe("nodes a viewer may see but whose workloads they may not read", () => {
  let console_: ConsoleOnSimulator<RunningSimulator>;
  let prometheus: PrometheusStandIn;

  beforeAll(async () => {
    prometheus = await startPrometheusStandIn((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        const params = new URLSearchParams(req.method === "POST" ? body : (req.url ?? "").split("?")[1]);
        void answers.queryPrometheus(params.get("query") ?? "", new Date()).then((samples) => {
          res.setHeader("Content-Type", "application/json");
          const time = Number(params.get("time") ?? Date.now() / 1000);
          const result = samples.map((s) => ({ metric: s.labels, value: [time, String(s.value)] }));
          res.end(JSON.stringify({ status: "success", data: { resultType: "vector", result } }));
        });
      });
    });
    console_ = await startConsoleOnSimulator("inaccessible", (paths) =>
      startSimulator({ port: 0, ...paths, tokensPath: DEMO_TOKENS_PATH }),
    );
    // Carol may get the httpbin namespace and nothing in it (her view role is in bookinfo only).
    await grantNamespaceGet(console_.connection, "carol", "httpbin");
  });

  afterAll(async () => {
    await console_?.stop();
    await prometheus?.stop();
  });

  it("keeps fortio on carol's graph, marked inaccessible, with its edge; her own nodes carry no flag", async () => {
    const graph = await runAsViewer(carol, namespaceGraph);
    expect(flags(graph)).toEqual({ fortio: true, "productpage-v1": undefined });
    expect(graph.elements.edges).toHaveLength(1);
    expect(JSON.stringify(graph.elements.nodes.find((n) => n.data.workload === "productpage-v1"))).not.toContain(
      "isInaccessible",
    );
  });

  it("marks it in the node graph too (focus mode and the detail pages' mini-graphs)", async () => {
    const response = await runAsViewer(carol, () =>
      getNodeGraphRoute(
        new Request("http://localhost/api/namespaces/bookinfo/workloads/productpage-v1/graph?graphType=workload"),
        {
          params: Promise.resolve({ namespace: "bookinfo", kind: "workloads", name: "productpage-v1" }),
        },
      ),
    );
    expect(response.status).toBe(200);
    expect(flags((await response.json()) as GraphResponse)).toEqual({ fortio: true, "productpage-v1": undefined });
  });

  it("marks nothing for bob, who may read httpbin's workloads, nor for the anonymous console", async () => {
    expect(flags(await runAsViewer(bob, namespaceGraph))).toEqual({ fortio: undefined, "productpage-v1": undefined });
    expect(flags(await namespaceGraph())).toEqual({ fortio: undefined, "productpage-v1": undefined });
  });
});
