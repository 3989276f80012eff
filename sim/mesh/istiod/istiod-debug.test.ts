import type { Duplex } from "node:stream";
import { describe, expect, it } from "vitest";
import { snapshotWith } from "../test-support/snapshot-fixture";
import { startIstiodDebug } from "./istiod-debug";
import { ProxySync } from "./proxy-sync";
import type { SyncStatus } from "./syncz";

function syncz(connection: Duplex, path = "/debug/syncz"): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    connection.on("data", (chunk: Buffer) => chunks.push(chunk));
    connection.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      resolve({ head: text.slice(0, split), body: text.slice(split + 4) });
    });
    connection.on("error", reject);
    connection.write(`GET ${path} HTTP/1.1\r\nHost: localhost:15014\r\nConnection: close\r\n\r\n`);
  });
}

describe("istiod's /debug/syncz through connect()", () => {
  const snapshot = snapshotWith();
  const sync = new ProxySync();
  const debug = startIstiodDebug({ snapshot: () => snapshot, sync });
  const istiod = snapshot.pods.find((p) => p.labels.app === "istiod");
  const productpage = snapshot.pods.find((p) => p.name.startsWith("productpage-v1"));
  if (!istiod || !productpage) throw new Error("fixture pods missing");
  const read = async (path?: string): Promise<SyncStatus[]> => {
    const connection = debug.connect("istio-system", istiod.name, 15014);
    if (!connection) throw new Error("refused");
    return JSON.parse((await syncz(connection, path)).body) as SyncStatus[];
  };

  it("lists every sidecar and both gateways, each type acked as sent", async () => {
    const statuses = await read();
    const names = statuses.map((s) => s.proxy);
    expect(names).toContain(`${productpage.name}.bookinfo`);
    expect(
      names.filter((n) => n.startsWith("istio-ingressgateway-") || n.startsWith("istio-egressgateway-")),
    ).toHaveLength(2);
    expect(names.some((n) => n.startsWith("istiod-"))).toBe(false);
    for (const s of statuses) {
      expect(s.cluster_acked).toBe(s.cluster_sent);
      expect(s.route_acked).toBe(s.route_sent);
      expect(s.cluster_sent).toMatch(new RegExp(`/${snapshot.version}-[0-9a-f-]{36}$`));
    }
    expect(statuses.find((s) => s.proxy.startsWith("istio-ingressgateway-"))?.proxy_type).toBe("router");
  });

  it("reports a stale proxy's acks one push behind, until it is synced again", async () => {
    sync.setStale("bookinfo", productpage.name, true, snapshot.version);
    const stale = (await read("/debug/syncz?namespace=bookinfo")).find((s) => s.proxy.startsWith(productpage.name));
    expect(stale?.listener_sent).toBeDefined();
    expect(stale?.listener_acked).not.toBe(stale?.listener_sent);
    sync.setStale("bookinfo", productpage.name, false, snapshot.version);
    const synced = (await read()).find((s) => s.proxy.startsWith(productpage.name));
    expect(synced?.listener_acked).toBe(synced?.listener_sent);
  });

  it("narrows to one namespace, and refuses other ports and pods", async () => {
    expect(new Set((await read("/debug/syncz?namespace=bookinfo")).map((s) => s.proxy.split(".")[1]))).toEqual(
      new Set(["bookinfo"]),
    );
    expect(debug.connect("istio-system", istiod.name, 15000)).toBeUndefined();
    expect(debug.connect("bookinfo", productpage.name, 15014)).toBeUndefined();
  });
});
