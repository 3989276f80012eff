import { describe, expect, it } from "vitest";
import { parseSyncz } from "@/server/adapters/kube/istiod-debug";
import { toProxySyncRows } from "./sync-status";

const CDS = "type.googleapis.com/envoy.config.cluster.v3.Cluster";
const LDS = "type.googleapis.com/envoy.config.listener.v3.Listener";
const EDS = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment";
const RDS = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration";
const now = "2026-12-05T07:00:00Z/12-aaaa";
const old = "2026-12-05T06:00:00Z/11-bbbb";
const at = "2026-12-05T07:00:00.000Z";

/** istiod 1.24's answer: flat sent/acked fields (omitempty) and the `resources` of the watched types. */
const syncz = [
  {
    cluster_id: "Kubernetes",
    proxy: "productpage-v1-abc.bookinfo",
    proxy_type: "sidecar",
    istio_version: "1.24.2",
    cluster_sent: now,
    cluster_acked: now,
    resources: {
      [CDS]: { sent: now, acked: now, sentTime: at },
      [LDS]: { sent: now, acked: now, sentTime: at },
      [EDS]: { sent: now, acked: now, sentTime: at },
      [RDS]: { sent: now, acked: now, sentTime: at },
    },
  },
  {
    proxy: "details-v1-xyz.bookinfo",
    proxy_type: "sidecar",
    resources: {
      [CDS]: { sent: now, acked: old, sentTime: at },
      [LDS]: { sent: now, acked: "", sentTime: at },
      [EDS]: { sent: now, acked: now, sentTime: at },
      [RDS]: { sent: now, acked: now, sentTime: at, lastError: "route rejected: duplicate domain" },
    },
  },
  // An older istiod: no `resources`, so an unsent type is NOT SENT, not IGNORED.
  { proxy: "istio-ingressgateway-1.istio-system", proxy_type: "router", listener_sent: now, listener_acked: now },
];

describe("proxy sync status from istiod's /debug/syncz", () => {
  const rows = toProxySyncRows(parseSyncz(syncz), "istiod-1");
  const row = (pod: string) => {
    const found = rows.find((r) => r.pod === pod);
    if (!found) throw new Error(`no row for ${pod}`);
    return found;
  };

  it("shows a proxy that acked every push as SYNCED, and ECDS it never watched as IGNORED", () => {
    const productpage = row("productpage-v1-abc");
    expect(productpage).toMatchObject({ namespace: "bookinfo", istiod: "istiod-1", overall: "SYNCED" });
    expect(productpage.types.CDS.state).toBe("SYNCED");
    expect(productpage.types.ECDS.state).toBe("IGNORED");
  });

  it("shows an older ack as STALE, no ack as never acknowledged, and a rejected push as ERROR", () => {
    const details = row("details-v1-xyz");
    expect(details.types.CDS).toEqual({ state: "STALE" });
    expect(details.types.LDS).toEqual({ state: "STALE", neverAcknowledged: true });
    expect(details.types.EDS.state).toBe("SYNCED");
    expect(details.types.RDS).toEqual({ state: "ERROR", lastError: "route rejected: duplicate domain" });
    expect(details.overall).toBe("ERROR");
  });

  it("reads the flat fields of an istiod without `resources`: unsent types are NOT SENT", () => {
    const gateway = row("istio-ingressgateway-1");
    expect(gateway.namespace).toBe("istio-system");
    expect(gateway.types.LDS.state).toBe("SYNCED");
    expect(gateway.types.CDS.state).toBe("NOT SENT");
    expect(gateway.overall).toBe("NOT SENT");
  });

  it("orders rows by namespace, then pod", () => {
    expect(rows.map((r) => `${r.namespace}/${r.pod}`)).toEqual([
      "bookinfo/details-v1-xyz",
      "bookinfo/productpage-v1-abc",
      "istio-system/istio-ingressgateway-1",
    ]);
  });

  it("refuses an answer that is not a list of sync statuses", () => {
    expect(() => parseSyncz({ proxies: [] })).toThrow();
  });
});
