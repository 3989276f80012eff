import { describe, expect, it } from "vitest";
import { buildTrafficMap, endpointsFor } from "./build-traffic-map";
import { computeEdgeRates } from "./compute-edge-rates";
import { row, rt } from "./test-support/rows";
import type { TrafficRow } from "./traffic-row";

function graph(rows: TrafficRow[], times = [rt("productpage-v1", "reviews-v1", 40)]) {
  const map = computeEdgeRates(buildTrafficMap(rows, times, endpointsFor("workload")));
  const edge = (source: string, target: string) =>
    [...map.edges.values()].find(
      (e) => map.nodes.get(e.source)?.data.workload === source && map.nodes.get(e.target)?.data.workload === target,
    )?.data;
  const node = (workload: string) => [...map.nodes.values()].find((n) => n.data.workload === workload)?.data;
  return { edge, node };
}

describe("edge and node figures", () => {
  const rows = [
    row("productpage-v1", "reviews-v1", { rate: 6 }),
    row("productpage-v1", "reviews-v1", { rate: 1, code: "503", flags: "UF" }),
    row("productpage-v1", "reviews-v1", { rate: 1, code: "0", flags: "DC", security: "none" }),
    row("productpage-v1", "reviews-v1", { rate: 1, code: "404" }),
    row("productpage-v1", "reviews-v1", { rate: 1, code: "301" }),
    row("productpage-v1", "details-v1", { rate: 10 }),
  ];

  it("gives the request rate, class rates and error % (no response + 4xx + 5xx) as Kiali strings", () => {
    expect(graph(rows).edge("productpage-v1", "reviews-v1")?.traffic.rates).toEqual({
      http: "10.00",
      http3xx: "1.00",
      http4xx: "1.00",
      http5xx: "1.00",
      httpNoResponse: "1.00",
      httpPercentErr: "30.0",
      httpPercentReq: "50.0",
      httpPercentReqOfService: "100.0",
    });
  });

  it("counts a gRPC edge's non-zero statuses as errors even over HTTP 200, and files them by status as Kiali does", () => {
    const grpc = [
      row("echo-client", "echo-v2", { protocol: "grpc", rate: 6, grpcStatus: "0" }),
      row("echo-client", "echo-v2", { protocol: "grpc", rate: 3, grpcStatus: "14" }),
      row("echo-client", "echo-v2", { protocol: "grpc", rate: 1, code: "503", grpcStatus: "14", flags: "UO" }),
    ];
    const edge = graph(grpc).edge("echo-client", "echo-v2")?.traffic;
    expect(edge?.rates).toMatchObject({ grpc: "10.00", grpcErr: "4.00", grpcPercentErr: "40.0" });
    expect(Object.keys(edge?.responses ?? {})).toEqual(["0", "14", "503"]);
  });

  it("gives traffic % as Kiali does (share of everything the source sends) and, on its own, the share of the service, as a canary split reads", () => {
    const split = [
      row("productpage-v1", "reviews-v1", { rate: 6 }),
      row("productpage-v1", "reviews-v3", { rate: 4 }),
      row("productpage-v1", "details-v1", { rate: 10 }),
    ];
    const g = graph(split);
    const shares = (target: string) => {
      const rates = g.edge("productpage-v1", target)?.traffic.rates;
      return [rates?.httpPercentReq, rates?.httpPercentReqOfService];
    };
    expect(shares("reviews-v1")).toEqual(["30.0", "60.0"]);
    expect(shares("reviews-v3")).toEqual(["20.0", "40.0"]);
    expect(shares("details-v1")).toEqual(["50.0", "100.0"]);
  });

  it("breaks responses down by code, flags and host, '-' for no response", () => {
    const responses = graph(rows).edge("productpage-v1", "reviews-v1")?.traffic.responses;
    expect(responses?.["503"]).toEqual({
      flags: { UF: "10.0" },
      hosts: { "reviews.bookinfo.svc.cluster.local": "10.0" },
    });
    expect(responses?.["-"]?.flags).toEqual({ DC: "10.0" });
    expect(responses?.["200"]?.flags).toEqual({ "-": "60.0" });
  });

  it("gives the mTLS share from what the server saw, and the response time", () => {
    const edge = graph(rows).edge("productpage-v1", "reviews-v1");
    expect(edge?.isMTLS).toBe("90");
    expect(edge?.responseTime).toBe("40.00");
  });

  it("leaves mTLS unknown when only the client reported the edge", () => {
    expect(
      graph([row("productpage-v1", "reviews-v1", { reporter: "source", security: "unknown" })]).edge(
        "productpage-v1",
        "reviews-v1",
      )?.isMTLS,
    ).toBeUndefined();
  });

  it("sums node in/out rates per protocol", () => {
    const g = graph(rows);
    expect(g.node("productpage-v1")?.traffic).toEqual([{ protocol: "http", rates: { httpOut: "20.00" } }]);
    expect(g.node("reviews-v1")?.traffic).toEqual([
      {
        protocol: "http",
        rates: { httpIn: "10.00", httpIn3xx: "1.00", httpIn4xx: "1.00", httpIn5xx: "1.00", httpInNoResponse: "1.00" },
      },
    ]);
  });

  it("counts any non-zero gRPC status as an error", () => {
    const g = graph(
      [
        row("productpage-v1", "reviews-v1", { protocol: "grpc", rate: 3, grpcStatus: "0" }),
        row("productpage-v1", "reviews-v1", { protocol: "grpc", rate: 1, grpcStatus: "14" }),
      ],
      [],
    );
    const rates = g.edge("productpage-v1", "reviews-v1")?.traffic.rates;
    expect(rates).toMatchObject({ grpc: "4.00", grpcErr: "1.00", grpcPercentErr: "25.0", grpcPercentReq: "100.0" });
    expect(Object.keys(g.edge("productpage-v1", "reviews-v1")?.traffic.responses ?? {}).sort()).toEqual(["0", "14"]);
  });

  it("reports TCP edges in bytes/s with their flags and hosts under '-', as Kiali does", () => {
    const g = graph(
      [
        row("tcp-client", "tcp-echo-v1", { protocol: "tcp", code: "", rate: 1000 }),
        row("tcp-client", "tcp-echo-v1", { protocol: "tcp", code: "", flags: "UF", rate: 234.5 }),
      ],
      [],
    );
    expect(g.edge("tcp-client", "tcp-echo-v1")?.traffic).toEqual({
      protocol: "tcp",
      rates: { tcp: "1234.50", tcpPercentReq: "100.0", tcpPercentReqOfService: "100.0" },
      responses: {
        "-": { flags: { "-": "81.0", UF: "19.0" }, hosts: { "tcp-echo.bookinfo.svc.cluster.local": "100.0" } },
      },
    });
  });
});
