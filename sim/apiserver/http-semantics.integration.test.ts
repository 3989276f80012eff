/**
 * Wire-level behaviour clients rely on beyond what kubectl and client-node show directly:
 * Status errors, content types, body limits, dry runs, Tables, paging, watch expiry,
 * discovery and OpenAPI documents, and admission warnings as Warning headers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../index";
import { httpsRequest } from "../test-support/https-request";
import { MemoryStore } from "../store/memory-store";
import { startApiServer } from "./start-api-server";
import { allowEveryone } from "./authenticate";
import { allowAll } from "./authorize-rbac";
import { ensureTlsMaterial } from "../cli/certificates";

const VS_PATH = "/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices";
const JSON_HEADERS = { "content-type": "application/json" };

let sim: RunningSimulator;
let dir: string;

function vsBody(name: string): string {
  return JSON.stringify({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name },
    spec: { hosts: [name], http: [{ route: [{ destination: { host: name } }] }] },
  });
}

const call = (path: string, options: Parameters<typeof httpsRequest>[2] = {}) =>
  httpsRequest(`${sim.url}${path}`, sim.caPem, options);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-http-"));
  sim = await startSimulator({
    port: 0,
    dataDir: join(dir, "data"),
    kubeconfigPath: join(dir, "kubeconfig"),
    watchHistorySize: 50,
  });
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("Status errors", () => {
  it("answers a missing object with a NotFound Status naming the resource", async () => {
    const r = await call(`${VS_PATH}/nope`);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'virtualservices.networking.istio.io "nope" not found',
      reason: "NotFound",
      details: { name: "nope", group: "networking.istio.io", kind: "virtualservices" },
      code: 404,
    });
  });

  it("refuses a duplicate with AlreadyExists and a missing namespace with NotFound", async () => {
    expect((await call(VS_PATH, { method: "POST", headers: JSON_HEADERS, body: vsBody("dup") })).status).toBe(201);
    const dup = await call(VS_PATH, { method: "POST", headers: JSON_HEADERS, body: vsBody("dup") });
    expect(dup.status).toBe(409);
    expect(JSON.parse(dup.body).reason).toBe("AlreadyExists");
    const missing = await call("/apis/networking.istio.io/v1/namespaces/nowhere/virtualservices", {
      method: "POST",
      headers: JSON_HEADERS,
      body: vsBody("x"),
    });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).message).toBe('namespaces "nowhere" not found');
  });

  it("says what is wrong with malformed JSON, unsupported patch types, wrong methods and huge bodies", async () => {
    const bad = await call(VS_PATH, { method: "POST", headers: JSON_HEADERS, body: "{not json" });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toMatch(/not valid JSON/);

    const smp = await call(`${VS_PATH}/dup`, {
      method: "PATCH",
      headers: { "content-type": "application/strategic-merge-patch+json" },
      body: "{}",
    });
    expect(smp.status).toBe(415);
    expect(JSON.parse(smp.body).reason).toBe("UnsupportedMediaType");

    expect((await call(VS_PATH, { method: "PUT", headers: JSON_HEADERS, body: "{}" })).status).toBe(405);

    const huge = await call(VS_PATH, {
      method: "POST",
      headers: JSON_HEADERS,
      body: Buffer.alloc(4 * 1024 * 1024, 0x20),
    });
    expect(huge.status).toBe(413);
  });
});

describe("reads and writes", () => {
  it("runs a dry-run create through admission without storing it", async () => {
    const r = await call(`${VS_PATH}?dryRun=All`, { method: "POST", headers: JSON_HEADERS, body: vsBody("dry") });
    expect(r.status).toBe(201);
    expect(JSON.parse(r.body).metadata.name).toBe("dry");
    expect((await call(`${VS_PATH}/dry`)).status).toBe(404);
  });

  it("changes status only through /status, without bumping generation", async () => {
    const merge = { "content-type": "application/merge-patch+json" };
    const viaMain = JSON.parse(
      (
        await call(`${VS_PATH}/dup`, {
          method: "PATCH",
          headers: merge,
          body: JSON.stringify({ status: { observedGeneration: 7 } }),
        })
      ).body,
    ) as { status?: unknown };
    expect(viaMain.status).toBeUndefined();
    const viaStatus = JSON.parse(
      (
        await call(`${VS_PATH}/dup/status`, {
          method: "PATCH",
          headers: merge,
          body: JSON.stringify({ status: { observedGeneration: 1 }, spec: { hosts: ["ignored"] } }),
        })
      ).body,
    ) as { status: unknown; spec: { hosts: string[] }; metadata: { generation: number } };
    expect(viaStatus.status).toEqual({ observedGeneration: 1 });
    expect(viaStatus.spec.hosts).toEqual(["dup"]);
    expect(viaStatus.metadata.generation).toBe(1);
  });

  it("serves the same object at every served Istio version", async () => {
    const r = await call("/apis/networking.istio.io/v1alpha3/namespaces/bookinfo/virtualservices/dup");
    expect(JSON.parse(r.body).apiVersion).toBe("networking.istio.io/v1alpha3");
  });

  it("serves Tables with the printer columns and the full object when asked", async () => {
    const r = await call(`${VS_PATH}?includeObject=Object`, {
      headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" },
    });
    const table = JSON.parse(r.body) as {
      kind: string;
      columnDefinitions: { name: string }[];
      rows: { cells: unknown[]; object: { kind: string } }[];
    };
    expect(table.kind).toBe("Table");
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Gateways", "Hosts", "Age"]);
    expect(table.rows.find((row) => row.cells[0] === "dup")?.object.kind).toBe("VirtualService");
  });

  it("pages lists with limit and continue, and filters by label and field", async () => {
    const first = JSON.parse((await call("/api/v1/namespaces/bookinfo/pods?limit=2")).body) as {
      items: { metadata: { name: string } }[];
      metadata: { continue?: string };
    };
    expect(first.items).toHaveLength(2);
    expect(first.metadata.continue).toBeTruthy();
    const second = JSON.parse(
      (await call(`/api/v1/namespaces/bookinfo/pods?limit=2&continue=${first.metadata.continue}`)).body,
    ) as { items: { metadata: { name: string } }[] };
    expect(second.items[0]?.metadata.name).not.toBe(first.items[0]?.metadata.name);

    const byLabel = JSON.parse(
      (await call("/api/v1/pods?labelSelector=app%3Dreviews,version%20in%20(v2,v3)")).body,
    ) as { items: { metadata: { labels: Record<string, string> } }[] };
    expect(byLabel.items.map((p) => p.metadata.labels.version).sort()).toEqual(["v2", "v3"]);
    const byField = JSON.parse((await call("/api/v1/namespaces?fieldSelector=metadata.name%3Dbookinfo")).body) as {
      items: unknown[];
    };
    expect(byField.items).toHaveLength(1);
  });

  it("ends a watch from a compacted resourceVersion with one 410 Expired ERROR event", async () => {
    const r = await call(`${VS_PATH}?watch=true&resourceVersion=1`);
    expect(r.status).toBe(200);
    const lines = r.body.trim().split("\n");
    expect(lines).toHaveLength(1);
    const event = JSON.parse(lines[0] ?? "{}") as { type: string; object: { code: number; reason: string } };
    expect(event.type).toBe("ERROR");
    expect(event.object.code).toBe(410);
    expect(event.object.reason).toBe("Expired");
  });
});

describe("discovery and OpenAPI", () => {
  it("reports a 1.32 simulator version and healthy probes", async () => {
    expect(JSON.parse((await call("/version")).body).gitVersion).toMatch(/^v1\.32\.\d+-topsail-sim$/);
    expect((await call("/readyz")).body).toBe("ok");
  });

  it("serves aggregated discovery when asked and legacy otherwise", async () => {
    const aggregated = await call("/apis", {
      headers: { accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json" },
    });
    expect(aggregated.headers["content-type"]).toContain("as=APIGroupDiscoveryList");
    const legacy = JSON.parse((await call("/apis")).body) as {
      kind: string;
      groups: { name: string; preferredVersion: { version: string } }[];
    };
    expect(legacy.kind).toBe("APIGroupList");
    expect(legacy.groups.find((g) => g.name === "networking.istio.io")?.preferredVersion.version).toBe("v1");
  });

  it("declares fieldValidation on PATCH operations, which kubectl's strict validation checks", async () => {
    const root = JSON.parse((await call("/openapi/v3")).body) as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    const doc = JSON.parse((await call(root.paths["apis/networking.istio.io/v1"]?.serverRelativeURL ?? "")).body) as {
      paths: Record<
        string,
        { patch?: { parameters: { name: string }[]; "x-kubernetes-group-version-kind": { kind: string } } }
      >;
    };
    const patch = doc.paths["/apis/networking.istio.io/v1/namespaces/{namespace}/virtualservices/{name}"]?.patch;
    expect(patch?.["x-kubernetes-group-version-kind"].kind).toBe("VirtualService");
    expect(patch?.parameters.map((p) => p.name)).toContain("fieldValidation");
  });
});

describe("admission", () => {
  it("passes admission warnings on as Warning: 299 headers", async () => {
    const memory = new MemoryStore();
    memory.create(
      { group: "", resource: "namespaces" },
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "bookinfo" } },
    );
    const tls = ensureTlsMaterial(join(dir, "data"));
    const server = await startApiServer({
      port: 0,
      keyPem: tls.keyPem,
      certPem: tls.certPem,
      memory,
      authenticate: allowEveryone(),
      authorize: allowAll(),
      admit: (req) => ({
        allowed: true,
        object: req.object,
        warnings: ["virtualService rule #1 not used (only the last rule can have no matches)"],
      }),
    });
    try {
      const r = await httpsRequest(`${server.url}${VS_PATH}`, tls.caPem, {
        method: "POST",
        headers: JSON_HEADERS,
        body: vsBody("warned"),
      });
      expect(r.status).toBe(201);
      expect(r.headers.warning).toBe(
        '299 - "virtualService rule #1 not used (only the last rule can have no matches)"',
      );
    } finally {
      await server.close();
    }
  });
});

describe("a slow API server (--api-latency-ms)", () => {
  it("holds every request back while the latency is set, and answers at once again after", async () => {
    sim.setApiLatency(400);
    try {
      const startedAt = Date.now();
      const slow = await call("/api/v1/namespaces/kube-system");
      // A lower bound only: setTimeout never fires early, so this cannot flake on a busy machine.
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(400);
      expect(slow.status).toBe(200);
      expect(JSON.parse(slow.body).metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      sim.setApiLatency(0);
    }
  });
});
