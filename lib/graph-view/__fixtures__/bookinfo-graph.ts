/** A small Bookinfo graph in the API's shape, for the unit tests of this folder. */
import type { GraphResponse } from "@/lib/contracts/graph";

const node = (data: GraphResponse["elements"]["nodes"][number]["data"]) => ({ data });
const httpEdge = (id: string, source: string, target: string, rates: Record<string, string>, extra: Record<string, string> = {}) => ({
  data: { id, source, target, ...extra, traffic: { protocol: "http" as const, rates, responses: { "200": { flags: { "-": "100.0" }, hosts: {} } } } },
});

export const bookinfoGraph: GraphResponse = {
  timestamp: 1_700_000_000,
  duration: 300,
  graphType: "versionedApp",
  elements: {
    nodes: [
      node({ id: "gw", nodeType: "workload", cluster: "c", namespace: "istio-system", workload: "istio-ingressgateway", app: "istio-ingressgateway", isGateway: true, isRoot: true, isOutside: true, traffic: [{ protocol: "http", rates: { httpOut: "10.00" } }] }),
      node({ id: "pp-box", nodeType: "box", isBox: "app", cluster: "c", namespace: "bookinfo", app: "productpage" }),
      node({ id: "pp-v1", parent: "pp-box", nodeType: "app", cluster: "c", namespace: "bookinfo", app: "productpage", version: "v1", workload: "productpage-v1", healthData: { status: "healthy" }, traffic: [{ protocol: "http", rates: { httpIn: "10.00", httpOut: "20.00" } }] }),
      node({ id: "rv-box", nodeType: "box", isBox: "app", cluster: "c", namespace: "bookinfo", app: "reviews", hasVS: true }),
      node({ id: "rv-v1", parent: "rv-box", nodeType: "app", cluster: "c", namespace: "bookinfo", app: "reviews", version: "v1", workload: "reviews-v1", healthData: { status: "healthy" }, hasVS: true, traffic: [{ protocol: "http", rates: { httpIn: "5.00" } }] }),
      node({ id: "rv-v2", parent: "rv-box", nodeType: "app", cluster: "c", namespace: "bookinfo", app: "reviews", version: "v2", workload: "reviews-v2", healthData: { status: "degraded", reasons: ["5xx 5.0% > 0%"] }, hasVS: true, hasTrafficShifting: true, traffic: [{ protocol: "http", rates: { httpIn: "5.00", httpIn5xx: "0.25", httpOut: "5.00" } }] }),
      node({ id: "rt-v1", nodeType: "app", cluster: "c", namespace: "bookinfo", app: "ratings", version: "v1", workload: "ratings-v1", healthData: { status: "failure" }, hasMissingSC: true, traffic: [{ protocol: "http", rates: { httpIn: "5.00" } }] }),
      node({ id: "db", nodeType: "service", cluster: "c", namespace: "bookinfo", service: "mysqldb", traffic: [{ protocol: "tcp", rates: { tcpIn: "2048.00" } }] }),
    ],
    edges: [
      httpEdge("e-gw-pp", "gw", "pp-v1", { http: "10.00", httpPercentReq: "100.0" }, { isMTLS: "100.0", responseTime: "42.00", throughput: "1536.00" }),
      httpEdge("e-pp-rv1", "pp-v1", "rv-v1", { http: "5.00", httpPercentReq: "50.0" }, { isMTLS: "100.0", responseTime: "12.50" }),
      httpEdge("e-pp-rv2", "pp-v1", "rv-v2", { http: "5.00", http5xx: "0.25", httpPercentReq: "50.0", httpPercentErr: "5.0" }, { responseTime: "250.00" }),
      httpEdge("e-rv2-rt", "rv-v2", "rt-v1", { http: "5.00", httpPercentReq: "100.0" }, { isMTLS: "100.0", responseTime: "3.20" }),
      {
        data: { id: "e-rt-db", source: "rt-v1", target: "db", isMTLS: "0.0", traffic: { protocol: "tcp" as const, rates: { tcp: "2048.00", tcpPercentReq: "100.0" }, responses: {} } },
      },
    ],
  },
};
