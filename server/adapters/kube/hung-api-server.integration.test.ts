/**
 * An API server that accepts connections and never answers (a wedged apiserver, a proxy
 * that black-holes): every page's API must still answer, with 503 `kube_unavailable`,
 * once the Kubernetes deadline (TOPSAIL_KUBE_TIMEOUT_MS) has passed — not hang for the
 * socket's five minutes. The route handlers are called as Next.js calls them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import type net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTlsMaterial } from "@/sim/cli/certificates";

const deadlineMs = 800;
let dir: string;
let hung: https.Server;
const sockets = new Set<net.Socket>();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface PageApi {
  page: string;
  url: string;
  params: Record<string, string>;
  load: () => Promise<{ GET: unknown }>;
}

// One entry per page's cluster-backed read (the JSON API README table).
const pageApis: PageApi[] = [
  { page: "namespace picker", url: "/api/namespaces", params: {}, load: () => import("@/app/api/namespaces/route") },
  {
    page: "overview",
    url: "/api/overview?namespaces=bookinfo",
    params: {},
    load: () => import("@/app/api/overview/route"),
  },
  {
    page: "graph",
    url: "/api/namespaces/graph?namespaces=bookinfo&graphType=versionedApp&duration=60s",
    params: {},
    load: () => import("@/app/api/namespaces/graph/route"),
  },
  {
    page: "services list",
    url: "/api/namespaces/bookinfo/services",
    params: { namespace: "bookinfo", kind: "services" },
    load: () => import("@/app/api/namespaces/[namespace]/[kind]/route"),
  },
  {
    page: "service detail",
    url: "/api/namespaces/bookinfo/services/reviews",
    params: { namespace: "bookinfo", kind: "services", name: "reviews" },
    load: () => import("@/app/api/namespaces/[namespace]/[kind]/[name]/route"),
  },
  {
    page: "Istio config list",
    url: "/api/istio/objects?namespaces=bookinfo",
    params: {},
    load: () => import("@/app/api/istio/objects/route"),
  },
  {
    page: "Istio object",
    url: "/api/istio/objects/bookinfo/VirtualService/reviews",
    params: { namespace: "bookinfo", kind: "VirtualService", name: "reviews" },
    load: () => import("@/app/api/istio/objects/[namespace]/[kind]/[name]/route"),
  },
  {
    page: "validations",
    url: "/api/istio/validations?namespaces=bookinfo",
    params: {},
    load: () => import("@/app/api/istio/validations/route"),
  },
  {
    page: "traffic wizards",
    url: "/api/traffic/bookinfo/reviews",
    params: { namespace: "bookinfo", service: "reviews" },
    load: () => import("@/app/api/traffic/[namespace]/[service]/route"),
  },
];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "topsail-hung-"));
  // Completes the TLS handshake, reads every request, and never answers one.
  const tls = ensureTlsMaterial(path.join(dir, "tls"));
  hung = https.createServer({ key: tls.keyPem, cert: tls.certPem }, () => undefined);
  hung.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
  const port = (hung.address() as net.AddressInfo).port;
  const kubeconfig = path.join(dir, "kubeconfig");
  writeFileSync(
    kubeconfig,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters: [{ name: wedged, cluster: { server: 'https://127.0.0.1:" +
        port +
        "', insecure-skip-tls-verify: true } }]",
      "users: [{ name: admin, user: { token: t0ken } }]",
      "contexts: [{ name: wedged, context: { cluster: wedged, user: admin } }]",
      "current-context: wedged",
    ].join("\n"),
  );
  Object.assign(process.env, {
    KUBECONFIG: kubeconfig,
    TOPSAIL_KUBE_TIMEOUT_MS: String(deadlineMs),
    // Nothing listens on port 9 of loopback: Prometheus is simply down, and says so at once.
    TOPSAIL_PROMETHEUS_URL: "http://127.0.0.1:9",
    DATABASE_URL: `file:${path.join(dir, "topsail.db")}`,
  });
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => hung.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe("a Kubernetes API server that accepts and never answers", () => {
  it.each(pageApis.map((api) => [api.page, api] as const))(
    "the %s API answers 503 kube_unavailable after the deadline",
    async (_page, api) => {
      const { GET } = (await api.load()) as { GET: Handler };
      // Before the deadline existed these calls hung until the socket gave up (minutes); the
      // race turns a hang into a readable failure instead of a test timeout.
      const hangs = new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), deadlineMs * 15).unref());
      const response = await Promise.race([
        GET(new Request(`http://127.0.0.1:3000${api.url}`), { params: Promise.resolve(api.params) }),
        hangs,
      ]);
      expect(response).not.toBe("hung");
      const answered = response as Response;
      const body = (await answered.json()) as { error?: { code: string; message: string } };
      expect(answered.status).toBe(503);
      expect(body.error?.code).toBe("kube_unavailable");
      expect(body.error?.message).toMatch(/did not answer in time \(TOPSAIL_KUBE_TIMEOUT_MS\)/);
    },
  );
});
