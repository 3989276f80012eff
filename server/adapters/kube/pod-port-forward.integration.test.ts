/**
 * The port-forward adapter against a stand-in for kube-apiserver's `pods/portforward` WebSocket (the channel
 * protocol client-node speaks: data on channel 0, errors on channel 1, each starting with the port as two
 * little-endian bytes) that relays to a local HTTP server playing Envoy's admin API. The simulator's own
 * `pods/portforward` is tested with it in server/envoy/envoy-routes.integration.test.ts.
 */
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { TopsailError } from "@/server/errors";
import { readEnvoyConfigDump } from "./envoy-admin";
import type { KubeConnection } from "./kube-connection";
import { connectionAs } from "./kube-identity";

const dumpText = readFileSync(
  new URL("../../envoy/__fixtures__/productpage-config-dump.json", import.meta.url),
  "utf8",
);

type Behaviour = "relay" | "refuse" | "error-stream";

describe("reading an Envoy config dump through a port-forward", () => {
  let envoy: Server;
  let api: Server;
  let behaviour: Behaviour = "relay";
  const upgrades: IncomingMessage[] = [];
  let openSockets = 0;

  const portFrame = (channel: number, port: number) => Buffer.from([channel, port & 0xff, port >> 8]);

  function relay(ws: WebSocket, port: number) {
    ws.send(portFrame(0, port));
    ws.send(portFrame(1, port));
    if (behaviour === "error-stream") {
      ws.send(
        Buffer.concat([Buffer.from([1]), Buffer.from("failed to connect to localhost:15000: connection refused")]),
      );
      return;
    }
    const target = connect((envoy.address() as AddressInfo).port, "127.0.0.1");
    target.on("data", (chunk: Buffer) => ws.send(Buffer.concat([Buffer.from([0]), chunk])));
    target.on("close", () => ws.close());
    ws.on("message", (data: Buffer) => {
      if (data[0] === 0) target.write(data.subarray(1));
    });
    ws.on("close", () => target.destroy());
  }

  beforeAll(async () => {
    envoy = createServer((req, res) => {
      expect(req.url).toBe("/config_dump?include_eds");
      res.writeHead(200, { "content-type": "application/json" }).end(dumpText);
    });
    envoy.listen(0, "127.0.0.1");
    api = createServer();
    const wss = new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => (protocols.has("v4.channel.k8s.io") ? "v4.channel.k8s.io" : false),
    });
    api.on("upgrade", (req: IncomingMessage, socket, head) => {
      upgrades.push(req);
      if (behaviour === "refuse") {
        socket.end("HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        openSockets += 1;
        ws.on("close", () => (openSockets -= 1));
        relay(ws, Number(new URL(req.url ?? "", "http://x").searchParams.get("ports")));
      });
    });
    api.listen(0, "127.0.0.1");
    await Promise.all([once(envoy, "listening"), once(api, "listening")]);
  });

  afterAll(() => {
    api.closeAllConnections();
    envoy.closeAllConnections();
    api.close();
    envoy.close();
  });

  function connection(): KubeConnection {
    const kubeConfig = new KubeConfig();
    const server = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    kubeConfig.loadFromOptions({
      clusters: [{ name: "c", server, skipTLSVerify: true }],
      users: [{ name: "u", token: "console-token" }],
      contexts: [{ name: "ctx", cluster: "c", user: "u" }],
      currentContext: "ctx",
    });
    return { kubeConfig, server, context: "ctx", source: "KUBECONFIG" };
  }

  const target = { namespace: "bookinfo", pod: "productpage-v1-abc" };

  it("fetches the dump from port 15000 of the pod and closes the tunnel afterwards", async () => {
    behaviour = "relay";
    const dump = await readEnvoyConfigDump(connection(), target, 5_000);
    expect(dump.RoutesConfigDump?.dynamic_route_configs[0]?.route_config.name).toBe("9080");
    expect(upgrades.at(-1)?.url).toBe("/api/v1/namespaces/bookinfo/pods/productpage-v1-abc/portforward?ports=15000");
    await expect.poll(() => openSockets).toBe(0);
  });

  it("opens the WebSocket as the viewer: their impersonation headers, one line per group", async () => {
    behaviour = "relay";
    const asAlice = connectionAs(connection(), { kind: "impersonate", user: "alice", groups: ["team-a", "team-b"] });
    await readEnvoyConfigDump(asAlice, target, 5_000);
    const raw = upgrades.at(-1)?.rawHeaders ?? [];
    const values = (name: string) => raw.filter((_, i) => i % 2 === 1 && raw[i - 1]?.toLowerCase() === name);
    expect(values("impersonate-user")).toEqual(["alice"]);
    expect(values("impersonate-group")).toEqual(["team-a", "team-b"]);
  });

  it("names the missing permission when the API server refuses the port-forward", async () => {
    behaviour = "refuse";
    const error: unknown = await readEnvoyConfigDump(connection(), target, 5_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopsailError);
    expect((error as TopsailError).code).toBe("forbidden");
    expect((error as TopsailError).message).toContain("create pods/portforward in namespace bookinfo");
  });

  it("says the proxy is unreachable when the API server reports the pod's port refused", async () => {
    behaviour = "error-stream";
    const error: unknown = await readEnvoyConfigDump(connection(), target, 5_000).catch((e: unknown) => e);
    expect((error as TopsailError).code).toBe("proxy_unreachable");
    expect((error as TopsailError).message).toContain("connection refused");
  });
});
