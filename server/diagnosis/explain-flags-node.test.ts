import { describe, expect, it } from "vitest";
import { contextFrom } from "@/server/validation/test-support/fixtures";
import { explainInboundFlags } from "./explain-flags-node";
import { nodeFlagQueries, type CallerFlagRow, type NodeTelemetry } from "./explain-flags-node-telemetry";
import { CIRCUIT_BREAKER, HTTPBIN } from "./test-support/httpbin";

const httpbin = { namespace: "httpbin", name: "httpbin" };
const fortio = { namespace: "httpbin", workload: "fortio-deploy", app: "fortio", version: "latest" };
const sleep = { namespace: "httpbin", workload: "sleep", app: "sleep" };

const row = (
  caller: CallerFlagRow["caller"],
  reporter: CallerFlagRow["reporter"],
  code: string,
  flag: string,
  rate: number,
) => ({ caller, service: httpbin, reporter, code, flag, rate }) satisfies CallerFlagRow;

function telemetry(rows: CallerFlagRow[], figures: NodeTelemetry["figures"] = new Map()): NodeTelemetry {
  return { rows, figures, calleeP99: new Map() };
}

const breaker = contextFrom(HTTPBIN + "---" + CIRCUIT_BREAKER);

describe("explainInboundFlags (a node's flags over all its callers)", () => {
  describe("the httpbin service node: fortio overflows the breaker, sleep does not", () => {
    // fortio 10 requests/s (4 refused with 503 UO), sleep 10 requests/s; the callee's own reports of
    // the same requests are not counted again.
    const answer = explainInboundFlags(
      telemetry(
        [
          row(fortio, "source", "200", "-", 6),
          row(fortio, "source", "503", "UO", 4),
          row(fortio, "destination", "200", "-", 6),
          row(sleep, "source", "200", "-", 10),
          row(sleep, "destination", "200", "-", 10),
        ],
        new Map([["httpbin httpbin/httpbin", { concurrency: 1.5, meanDurationMs: 75 }]]),
      ),
      breaker,
    );
    const [uo] = answer.flags;

    it("counts each caller's requests once, from the caller's proxy", () => {
      expect(answer.requestRate).toBe(20);
    });

    it("gives UO's share of everything the node received, explained by the DestinationRule's limits", () => {
      expect(answer.flags.map((f) => f.flag)).toEqual(["UO"]);
      expect(uo).toMatchObject({ code: "503", percent: 20, explained: true });
      expect(uo?.causes.map((c) => c.path)).toEqual([
        "spec/trafficPolicy/connectionPool/tcp/maxConnections",
        "spec/trafficPolicy/connectionPool/http/http1MaxPendingRequests",
      ]);
      expect(uo?.because.join(" ")).toContain("DestinationRule httpbin/httpbin limits the connection pool");
    });

    it("names fortio as the only caller the share came from", () => {
      expect(uo?.callers).toEqual([{ ...fortio, service: httpbin, percent: 20 }]);
    });

    it("judges the overflow by the callers' concurrency (Little's law) through that service", () => {
      expect(uo?.figures).toEqual([
        { label: "Observed concurrency", value: "1.50 requests in flight (Little's law: 20.00 requests/s × 75 ms)" },
      ]);
    });
  });

  it("reads a caller without a proxy from the callee's reports, and splits comma-joined flags", () => {
    const outside = { namespace: "unknown", workload: "unknown" };
    const answer = explainInboundFlags(
      telemetry([
        row(outside, "destination", "200", "-", 3),
        row(outside, "destination", "503", "UF", 1),
        row(fortio, "source", "200", "-", 4),
        row(fortio, "source", "503", "UO,URX", 2),
      ]),
      breaker,
    );
    expect(answer.requestRate).toBe(10);
    expect(answer.flags.map((f) => [f.flag, f.percent, f.callers.map((c) => [c.workload, c.percent])])).toEqual([
      ["UO", 20, [["fortio-deploy", 20]]],
      ["URX", 20, [["fortio-deploy", 20]]],
      ["UF", 10, [["unknown", 10]]],
    ]);
  });

  it("adds up the callers of two namespaces, blames each field once, and labels each group's figure", () => {
    const other = { namespace: "load", workload: "fortio-load" };
    const context = contextFrom(
      HTTPBIN + "---" + CIRCUIT_BREAKER + "\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: load }\n",
    );
    const answer = explainInboundFlags(
      telemetry(
        [
          row(fortio, "source", "200", "-", 3),
          row(fortio, "source", "503", "UO", 1),
          row(other, "source", "200", "-", 3),
          row(other, "source", "503", "UO", 3),
        ],
        new Map([
          ["httpbin httpbin/httpbin", { concurrency: 1.2, meanDurationMs: 300 }],
          ["load httpbin/httpbin", { concurrency: 2.4, meanDurationMs: 400 }],
        ]),
      ),
      context,
    );
    const [uo] = answer.flags;
    expect(uo?.percent).toBe(40);
    expect(uo?.callers.map((c) => [c.workload, c.percent])).toEqual([
      ["fortio-load", 30],
      ["fortio-deploy", 10],
    ]);
    expect(uo?.causes).toHaveLength(2);
    expect(uo?.figures.map((f) => f.label)).toEqual([
      "Observed concurrency (callers in httpbin → httpbin)",
      "Observed concurrency (callers in load → httpbin)",
    ]);
  });

  it("has nothing to explain without requests", () => {
    expect(explainInboundFlags(telemetry([]), breaker)).toEqual({ requestRate: 0, flags: [] });
  });
});

describe("nodeFlagQueries", () => {
  it("reads a service node's requests from every caller, grouped by caller and service", () => {
    const q = nodeFlagQueries({ kind: "service", namespace: "httpbin", name: "httpbin" }, 30);
    expect(q.shares).toBe(
      'sum(rate(istio_requests_total{destination_service_namespace="httpbin",destination_service_name="httpbin"}[30s])) ' +
        "by (reporter,source_workload_namespace,source_workload,source_canonical_service,source_canonical_revision," +
        "destination_service_namespace,destination_service_name,response_code,response_flags)",
    );
    expect(q.shares).not.toContain("source_workload=");
    expect(q.inFlight).toContain(
      'reporter="source"}[30s])) by (source_workload_namespace,destination_service_namespace,destination_service_name) / 1000',
    );
  });

  it("selects a workload or an app's version as the node graph does", () => {
    expect(nodeFlagQueries({ kind: "workload", namespace: "httpbin", name: "httpbin-v1" }, 60).shares).toContain(
      '{destination_workload_namespace="httpbin",destination_workload="httpbin-v1"}',
    );
    expect(
      nodeFlagQueries({ kind: "app", namespace: "bookinfo", name: "reviews", version: "v2" }, 60).calleeP99,
    ).toContain(
      '{destination_workload_namespace="bookinfo",destination_canonical_service="reviews",destination_canonical_revision="v2",reporter="destination"}',
    );
  });
});
