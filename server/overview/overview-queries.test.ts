import { describe, expect, it } from "vitest";
import type { RangeSeries } from "@/server/adapters/prometheus";
import { groupSparklines } from "./group-sparklines";
import { buildSparklineQuery } from "./overview-queries";

describe("the Overview's sparkline query", () => {
  it("reads every namespace's requests and TCP bytes in one query, each series tagged, names matched literally", () => {
    const m = 'reporter="destination",destination_workload_namespace=~"bookinfo|a\\\\.b"';
    expect(buildSparklineQuery(["bookinfo", "a.b"])).toBe(
      `label_replace(sum(rate(istio_requests_total{${m}}[60s])) by (destination_workload_namespace), "traffic", "http", "", "")` +
        " or " +
        `label_replace(sum(rate(istio_tcp_received_bytes_total{${m}}[60s])) by (destination_workload_namespace), "traffic", "tcp", "", "")`,
    );
  });

  it("sorts the answer per namespace into requests and TCP bytes", () => {
    const series = (namespace: string, traffic: string, value: number): RangeSeries => ({
      labels: { destination_workload_namespace: namespace, traffic },
      points: [{ time: 1, value }],
    });
    const grouped = groupSparklines([
      series("bookinfo", "http", 3),
      series("tcp-echo", "tcp", 2048),
      series("bookinfo", "tcp", 10),
      series("bookinfo", "udp", 1),
    ]);
    expect([...grouped.keys()].sort()).toEqual(["bookinfo", "tcp-echo"]);
    expect(grouped.get("bookinfo")?.http?.points[0]?.value).toBe(3);
    expect(grouped.get("bookinfo")?.tcp?.points[0]?.value).toBe(10);
    expect(grouped.get("tcp-echo")).toEqual({ tcp: series("tcp-echo", "tcp", 2048) });
  });
});
