/**
 * kubectl 1.32 against the simulator, as a user types it: discovery and api-resources,
 * tables, apply (create then configure), YAML output, merge patches, deletes, watches,
 * istiod's admission messages and scaling a Deployment.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../index";
import { kubectlFor, type Kubectl } from "../test-support/run-kubectl";
import { waitFor } from "../test-support/wait-for";

const VS_REF = { group: "networking.istio.io", resource: "virtualservices" };

function virtualServiceYaml(name: string, subset: string): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: bookinfo
spec:
  hosts: [${name}]
  http:
  - route:
    - destination: {host: ${name}, subset: ${subset}}
`;
}

let sim: RunningSimulator;
let dir: string;
let kubectl: Kubectl;

function manifest(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-kubectl-"));
  sim = await startSimulator({ port: 0, dataDir: join(dir, "data"), kubeconfigPath: join(dir, "kubeconfig") });
  kubectl = kubectlFor(sim.kubeconfigPath, join(dir, "cache"));
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("kubectl against the simulator", () => {
  it("lists namespaces", async () => {
    const r = await kubectl.run(["get", "ns"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^NAME\s+STATUS\s+AGE/);
    expect(r.stdout).toMatch(/\nbookinfo\s+Active/);
    expect(r.stdout).toMatch(/\nistio-system\s+Active/);
  });

  it("shows the bookinfo pods Running with their sidecars (READY 2/2)", async () => {
    const rows = await waitFor(async () => {
      const r = await kubectl.run(["get", "pods", "-n", "bookinfo", "--no-headers"]);
      const lines = r.stdout
        .trim()
        .split("\n")
        .filter((l) => l !== "");
      return lines.length > 0 && lines.every((l) => /\s2\/2\s+Running\s/.test(l)) ? lines : undefined;
    }, "bookinfo pods 2/2 Running");
    expect(rows.some((l) => l.startsWith("productpage-v1-"))).toBe(true);
  });

  it("lists the Istio kinds with their short names in api-resources", async () => {
    const r = await kubectl.run(["api-resources", "--api-group", "networking.istio.io"]);
    for (const [name, short] of [
      ["virtualservices", "vs"],
      ["destinationrules", "dr"],
      ["gateways", "gw"],
      ["serviceentries", "se"],
    ]) {
      expect(r.stdout).toMatch(new RegExp(`\\n${name}\\s+${short}\\s+networking.istio.io/v1\\s+true`));
    }
  });

  it("applies a VirtualService (created, then configured) and prints it as YAML", async () => {
    const first = await kubectl.run(["apply", "-f", manifest("vs-v1.yaml", virtualServiceYaml("details", "v1"))]);
    expect(first.stdout.trim()).toBe("virtualservice.networking.istio.io/details created");
    const second = await kubectl.run(["apply", "-f", manifest("vs-v2.yaml", virtualServiceYaml("details", "v2"))]);
    expect(second.stdout.trim()).toBe("virtualservice.networking.istio.io/details configured");

    const yaml = await kubectl.run(["get", "vs", "details", "-n", "bookinfo", "-o", "yaml"]);
    expect(yaml.stdout).toContain("kind: VirtualService");
    expect(yaml.stdout).toContain("subset: v2");
    expect(yaml.stdout).toContain("kubectl.kubernetes.io/last-applied-configuration");
    expect(yaml.stdout).toMatch(/generation: 2/);

    const table = await kubectl.run(["get", "vs", "-n", "bookinfo"]);
    expect(table.stdout).toMatch(/NAME\s+GATEWAYS\s+HOSTS\s+AGE/);
    expect(table.stdout).toMatch(/details\s+\["details"\]/);
  });

  it("merge-patches and deletes a VirtualService", async () => {
    await kubectl.run(["apply", "-f", manifest("vs-patch.yaml", virtualServiceYaml("patched", "v1"))]);
    const patch = await kubectl.run([
      "patch",
      "vs",
      "patched",
      "-n",
      "bookinfo",
      "--type",
      "merge",
      "-p",
      '{"spec":{"gateways":["mesh"]}}',
    ]);
    expect(patch.stdout.trim()).toBe("virtualservice.networking.istio.io/patched patched");
    const gateways = await kubectl.run(["get", "vs", "patched", "-n", "bookinfo", "-o", "jsonpath={.spec.gateways}"]);
    expect(gateways.stdout).toBe('["mesh"]');

    const del = await kubectl.run(["delete", "vs", "patched", "-n", "bookinfo"]);
    expect(del.stdout.trim()).toBe('virtualservice.networking.istio.io "patched" deleted');
    const gone = await kubectl.run(["get", "vs", "patched", "-n", "bookinfo"]);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain(
      'Error from server (NotFound): virtualservices.networking.istio.io "patched" not found',
    );
  });

  it("sees with get -w a change another client makes", async () => {
    await kubectl.run(["apply", "-f", manifest("vs-watch.yaml", virtualServiceYaml("watched", "v1"))]);
    const child = kubectl.spawn(["get", "vs", "-n", "bookinfo", "-w"]);
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
    try {
      await waitFor(() => out.includes("watched"), "the initial listing");
      const current = sim.store.get(VS_REF, "bookinfo", "watched");
      if (!current) throw new Error("watched VirtualService missing");
      sim.store.update(VS_REF, { ...current, spec: { ...(current.spec as object), gateways: ["watch-gateway"] } });
      await waitFor(() => out.includes("watch-gateway"), "the change in the watch output");
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("refuses an invalid VirtualService with istiod's webhook message", async () => {
    const bad = virtualServiceYaml("invalid", "v1").replace("subset: v1}", "subset: v1}\n      weight: -5");
    const r = await kubectl.run(["apply", "-f", manifest("vs-bad.yaml", bad)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'admission webhook "validation.istio.io" denied the request: configuration is invalid: weight -5 < 0',
    );
  });

  it("scales a Deployment and the pod count follows", async () => {
    const r = await kubectl.run(["scale", "deploy", "ratings-v1", "-n", "bookinfo", "--replicas=3"]);
    expect(r.stdout.trim()).toBe("deployment.apps/ratings-v1 scaled");
    await waitFor(async () => {
      const pods = await kubectl.run(["get", "pods", "-n", "bookinfo", "-l", "app=ratings,version=v1", "-o", "name"]);
      return (
        pods.stdout
          .trim()
          .split("\n")
          .filter((l) => l !== "").length === 3 || undefined
      );
    }, "three ratings-v1 pods");
    const deploy = await kubectl.run(["get", "deploy", "ratings-v1", "-n", "bookinfo"]);
    expect(deploy.stdout).toMatch(/NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
  });
});
