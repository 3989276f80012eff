import { describe, expect, it } from "vitest";
import { snapshotWith } from "../test-support/snapshot-fixture";
import { TCP_ECHO_20_V2 } from "../test-support/sample-networking";
import { routeTcp } from "@/lib/istio/routing/route-tcp";

const HOST = "tcp-echo.tcp-echo.svc.cluster.local";
const curl = { namespace: "tcp-echo", labels: { app: "curl" }, gateways: ["mesh"] };

describe("routeTcp", () => {
  const snapshot = snapshotWith(TCP_ECHO_20_V2);

  it("splits connections on port 9000 by weight", () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 100; i++) {
      const d = routeTcp(snapshot, curl, HOST, 9000, () => (i + 0.5) / 100);
      if (d.kind === "route") counts[d.destination.subset ?? ""] = (counts[d.destination.subset ?? ""] ?? 0) + 1;
    }
    expect(counts).toEqual({ v1: 80, v2: 20 });
  });

  it("finds no route for a port no tcp rule matches", () => {
    expect(routeTcp(snapshot, curl, HOST, 9001, () => 0.5).kind).toBe("noRoute");
  });

  it("uses the service itself without a VirtualService", () => {
    expect(routeTcp(snapshotWith(), curl, HOST, 9000, () => 0.5)).toEqual({
      kind: "route",
      destination: { host: HOST },
    });
  });
});
