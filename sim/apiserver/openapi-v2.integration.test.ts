/**
 * /openapi/v2: the Swagger 2.0 document publishes each Istio kind's spec schema, the same
 * field tables admission enforces, and kubectl (which asks for protobuf there and is told
 * 406) still applies, creating then configuring, custom resources and built-in kinds alike.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../index";
import { httpsRequest } from "../test-support/https-request";
import { kubectlFor, type Kubectl } from "../test-support/run-kubectl";

const PROTOBUF_V2 = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

interface SchemaNode {
  type?: string;
  format?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: SchemaNode;
  "x-kubernetes-group-version-kind"?: { group: string; kind: string; version: string }[];
}

let sim: RunningSimulator;
let dir: string;
let kubectl: Kubectl;

const call = (path: string, headers: Record<string, string> = {}) =>
  httpsRequest(`${sim.url}${path}`, sim.caPem, { headers });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-openapi-v2-"));
  sim = await startSimulator({ port: 0, dataDir: join(dir, "data"), kubeconfigPath: join(dir, "kubeconfig") });
  kubectl = kubectlFor(sim.kubeconfigPath, join(dir, "cache"));
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("GET /openapi/v2", () => {
  it("publishes the VirtualService spec with its route weight as an int32, tagged with its group, version and kind", async () => {
    const r = await call("/openapi/v2", { accept: "application/json" });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json");
    const doc = JSON.parse(r.body) as { swagger: string; definitions: Record<string, SchemaNode> };
    expect(doc.swagger).toBe("2.0");
    const vs = doc.definitions["io.istio.networking.v1.VirtualService"];
    expect(vs?.["x-kubernetes-group-version-kind"]).toEqual([
      { group: "networking.istio.io", kind: "VirtualService", version: "v1" },
    ]);
    expect(vs?.properties?.spec?.properties?.http?.items?.properties?.route?.items?.properties?.weight).toEqual({
      type: "integer",
      format: "int32",
    });
    const ap = doc.definitions["io.istio.security.v1beta1.AuthorizationPolicy"];
    expect(
      ap?.properties?.spec?.properties?.rules?.items?.properties?.to?.items?.properties?.operation?.properties?.ports,
    ).toEqual({ type: "array", items: { type: "string" } });
  });

  it("answers 406 to a client that takes only protobuf, as kube-openapi does for a type it cannot serve", async () => {
    const r = await call("/openapi/v2", { accept: PROTOBUF_V2 });
    expect(r.status).toBe(406);
    expect(r.body).toBe("");
  });
});

describe("kubectl apply with /openapi/v2 served", () => {
  function manifest(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it("creates then configures a VirtualService and a ConfigMap, reading /openapi/v2 on the way", async () => {
    const vs = (subset: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews-openapi, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: ${subset}}
      weight: 100
`;
    const configMap = (value: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: openapi-check, namespace: bookinfo}
data: {mode: ${value}}
`;
    expect(
      (await kubectl.run(["apply", "-f", manifest("vs.yaml", vs("v1")), "-f", manifest("cm.yaml", configMap("a"))]))
        .code,
    ).toBe(0);

    // -v=6 logs each request: the patch path asks for the v2 document before it patches.
    const configured = await kubectl.run([
      "apply",
      "-v=6",
      "-f",
      manifest("vs.yaml", vs("v2")),
      "-f",
      manifest("cm.yaml", configMap("b")),
    ]);
    expect(configured.code).toBe(0);
    expect(configured.stdout).toContain("virtualservice.networking.istio.io/reviews-openapi configured");
    expect(configured.stdout).toContain("configmap/openapi-check configured");
    expect(configured.stderr).toMatch(/GET https:\/\/\S+\/openapi\/v2\S* 406 Not Acceptable/);

    const stored = sim.store.get(
      { group: "networking.istio.io", resource: "virtualservices" },
      "bookinfo",
      "reviews-openapi",
    );
    expect(
      (stored?.spec as { http: { route: { destination: { subset: string } }[] }[] }).http[0]?.route[0]?.destination
        .subset,
    ).toBe("v2");
    expect(sim.store.get({ group: "", resource: "configmaps" }, "bookinfo", "openapi-check")?.data).toEqual({
      mode: "b",
    });
  });
});
