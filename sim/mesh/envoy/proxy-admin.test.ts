import type { Duplex } from "node:stream";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { snapshotWith } from "../test-support/snapshot-fixture";
import { startProxyAdmin } from "./proxy-admin";

/** One HTTP/1.1 exchange over a connection, read until the server closes it. */
function exchange(connection: Duplex, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    connection.on("data", (chunk: Buffer) => chunks.push(chunk));
    connection.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    connection.on("error", reject);
    connection.write(`GET ${path} HTTP/1.1\r\nHost: localhost:15000\r\nConnection: close\r\n\r\n`);
  });
}

describe("a proxy's admin API through connect()", () => {
  const snapshot = snapshotWith();
  const admin = startProxyAdmin({ snapshot: () => snapshot });
  const productpage = snapshot.pods.find((p) => p.name.startsWith("productpage-v1"));
  const istiod = snapshot.pods.find((p) => p.name.startsWith("istiod"));
  if (!productpage || !istiod) throw new Error("fixture pods missing");

  it("answers /config_dump on port 15000 over HTTP/1.1", async () => {
    const connection = admin.connect("bookinfo", productpage.name, 15000);
    if (!connection) throw new Error("refused");
    const response = await exchange(connection, "/config_dump");
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response).toContain('"name": "outbound|9080||reviews.bookinfo.svc.cluster.local"');
  });

  it("answers /ready and /clusters", async () => {
    const ready = admin.connect("bookinfo", productpage.name, 15000);
    const clusters = admin.connect("bookinfo", productpage.name, 15000);
    if (!ready || !clusters) throw new Error("refused");
    expect(await exchange(ready, "/ready")).toMatch(/\r\n\r\nLIVE\n$/);
    expect(await exchange(clusters, "/clusters")).toContain(
      "outbound|9080||reviews.bookinfo.svc.cluster.local::added_via_api::true",
    );
  });

  it("answers /clusters?format=json with each cluster's hosts and EDS health", async () => {
    const connection = admin.connect("bookinfo", productpage.name, 15000);
    if (!connection) throw new Error("refused");
    const response = await exchange(connection, "/clusters?format=json");
    const body = z
      .object({ cluster_statuses: z.array(z.object({ name: z.string() })) })
      .parse(JSON.parse(response.slice(response.indexOf("\r\n\r\n") + 4)));
    expect(body.cluster_statuses.map((c) => c.name)).toContain("outbound|9080|v1|reviews.bookinfo.svc.cluster.local");
  });

  it("refuses other ports, pods without a proxy and unknown pods", () => {
    expect(admin.connect("bookinfo", productpage.name, 9080)).toBeUndefined();
    expect(admin.connect("istio-system", istiod.name, 15000)).toBeUndefined();
    expect(admin.connect("bookinfo", "nope", 15000)).toBeUndefined();
  });
});
