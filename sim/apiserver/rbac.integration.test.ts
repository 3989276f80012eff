/**
 * Access control with a token file: requests are authorised by the RBAC objects in the
 * store, so a read-only user can look but not change, and a missing token is turned away.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../index";
import { grantClusterRole } from "../test-support/grant-cluster-role";
import { kubectlFor, type Kubectl } from "../test-support/run-kubectl";

let sim: RunningSimulator;
let dir: string;
let admin: Kubectl;
let viewer: Kubectl;
let nobody: Kubectl;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-rbac-"));
  const tokens = join(dir, "tokens.csv");
  writeFileSync(tokens, 'viewer-token,viewer,1001,"viewers"\nops-token,ops,1002,"system:masters"\n');
  sim = await startSimulator({
    port: 0,
    dataDir: join(dir, "data"),
    kubeconfigPath: join(dir, "kubeconfig"),
    tokensPath: tokens,
  });
  grantClusterRole(
    sim.store,
    "read-only",
    [{ apiGroups: ["*"], resources: ["*"], verbs: ["get", "list", "watch"] }],
    "viewer",
  );
  admin = kubectlFor(sim.kubeconfigPath, join(dir, "cache"));
  viewer = kubectlFor(sim.kubeconfigPath, join(dir, "cache"), ["--token", "viewer-token"]);
  nobody = kubectlFor(sim.kubeconfigPath, join(dir, "cache"), ["--token", "no-such-token"]);
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: viewer-made, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews}
`;

describe("RBAC with a token file", () => {
  it("lets the viewer read but refuses a create with the real Forbidden message", async () => {
    const read = await viewer.run(["get", "vs", "-n", "bookinfo"]);
    expect(read.code).toBe(0);
    const path = join(dir, "vs.yaml");
    writeFileSync(path, VS);
    const create = await viewer.run(["apply", "-f", path]);
    expect(create.code).not.toBe(0);
    expect(create.stderr).toContain(
      'virtualservices.networking.istio.io is forbidden: User "viewer" cannot create resource "virtualservices" in API group "networking.istio.io" in the namespace "bookinfo"',
    );
  });

  it("answers auth can-i from the same rules", async () => {
    expect((await viewer.run(["auth", "can-i", "list", "pods", "-n", "bookinfo"])).stdout.trim()).toBe("yes");
    expect((await viewer.run(["auth", "can-i", "delete", "pods", "-n", "bookinfo"])).stdout.trim()).toBe("no");
  });

  it("gives the kubeconfig's own admin user full access", async () => {
    const r = await admin.run(["auth", "can-i", "create", "virtualservices", "-n", "bookinfo"]);
    expect(r.stdout.trim()).toBe("yes");
  });

  it("turns an unknown token away with 401", async () => {
    const r = await nobody.run(["get", "ns"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Unauthorized|You must be logged in to the server/);
  });
});
