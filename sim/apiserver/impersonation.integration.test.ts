/**
 * The demo's users against a simulator started with sim/scenarios/demo-tokens.csv, through
 * the real kubectl: what each may do under RBAC, the console's service account acting for
 * them by impersonation, and `kubectl auth whoami` / `auth can-i --list` answering for them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "../index";
import { userContext } from "../cli/write-kubeconfig";
import { kubectlFor, type Kubectl } from "../test-support/run-kubectl";

const CONSOLE = "system:serviceaccount:topsail:topsail";
/** A service account with no RBAC at all: it may not impersonate anyone. */
const BYSTANDER = "system:serviceaccount:topsail:bystander";

let sim: RunningSimulator;
let dir: string;
const as: Record<string, Kubectl> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-impersonation-"));
  const tokens = join(dir, "tokens.csv");
  writeFileSync(
    tokens,
    `${readFileSync(DEMO_TOKENS_PATH, "utf8")}bystander-token,${BYSTANDER},u-bystander,"system:serviceaccounts"\n`,
  );
  sim = await startSimulator({
    port: 0,
    dataDir: join(dir, "data"),
    kubeconfigPath: join(dir, "kubeconfig"),
    tokensPath: tokens,
  });
  for (const name of ["alice", "bob", "carol", CONSOLE, BYSTANDER])
    as[name] = kubectlFor(sim.kubeconfigPath, join(dir, "cache"), ["--context", userContext(name)]);
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function kubectl(user: string): Kubectl {
  const k = as[user];
  if (!k) throw new Error(`no kubectl for ${user}`);
  return k;
}

const SHIFT = [
  "patch",
  "virtualservice",
  "bookinfo",
  "-n",
  "bookinfo",
  "--type",
  "merge",
  "-p",
  '{"metadata":{"labels":{"shifted":"yes"}}}',
];

describe("the demo users under RBAC", () => {
  it("lets alice (edit in bookinfo) patch a VirtualService, through Istio's kinds aggregated into edit", async () => {
    const r = await kubectl("alice").run(SHIFT);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("virtualservice.networking.istio.io/bookinfo patched");
  });

  it("refuses bob (view in bookinfo) the same patch with kube-apiserver's Forbidden", async () => {
    const r = await kubectl("bob").run(SHIFT);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'virtualservices.networking.istio.io "bookinfo" is forbidden: User "bob" cannot patch resource "virtualservices" in API group "networking.istio.io" in the namespace "bookinfo"',
    );
  });

  it("lets carol read bookinfo but not list pods in httpbin", async () => {
    expect((await kubectl("carol").run(["get", "pods", "-n", "bookinfo"])).code).toBe(0);
    const r = await kubectl("carol").run(["get", "pods", "-n", "httpbin"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'pods is forbidden: User "carol" cannot list resource "pods" in API group "" in the namespace "httpbin"',
    );
  });
});

describe("impersonation", () => {
  it("lets the console act as bob, and bob's RBAC refuses the write naming bob", async () => {
    expect((await kubectl(CONSOLE).run(["get", "vs", "-n", "bookinfo", "--as", "bob"])).code).toBe(0);
    const r = await kubectl(CONSOLE).run([...SHIFT, "--as", "bob"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'User "bob" cannot patch resource "virtualservices" in API group "networking.istio.io" in the namespace "bookinfo"',
    );
  });

  it("refuses a service account without the impersonate verb", async () => {
    const r = await kubectl(BYSTANDER).run(["get", "vs", "-n", "bookinfo", "--as", "alice"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `users "alice" is forbidden: User "${BYSTANDER}" cannot impersonate resource "users" in API group "" at the cluster scope`,
    );
  });

  it("answers SelfSubjectReview with the impersonated user, groups and system:authenticated", async () => {
    const r = await kubectl(CONSOLE).run(["auth", "whoami", "-o", "json", "--as", "bob", "--as-group", "mesh-viewers"]);
    expect(r.stderr).toBe("");
    const review = JSON.parse(r.stdout) as { kind: string; status: { userInfo: unknown } };
    expect(review.kind).toBe("SelfSubjectReview");
    expect(review.status.userInfo).toEqual({ username: "bob", groups: ["mesh-viewers", "system:authenticated"] });
  });
});

describe("kubectl auth", () => {
  it("whoami names the token's user", async () => {
    const r = await kubectl("alice").run(["auth", "whoami"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/Username\s+alice/);
    expect(r.stdout).toMatch(/UID\s+u-alice/);
    expect(r.stdout).toMatch(/Groups\s+\[system:authenticated\]/);
  });

  it("can-i --list shows bob reading VirtualServices in bookinfo and not changing them", async () => {
    const r = await kubectl("bob").run(["auth", "can-i", "--list", "-n", "bookinfo"]);
    expect(r.stderr).toBe("");
    const vsLine = r.stdout.split("\n").find((l) => l.startsWith("virtualservices.networking.istio.io "));
    expect(vsLine).toMatch(/\[get list watch\]$/);
    expect(r.stdout).not.toMatch(/virtualservices\.networking\.istio\.io .*(update|patch)/);
    expect(r.stdout).toMatch(/selfsubjectrulesreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/);
  });

  it("can-i --list for bob impersonated by the console is bob's list", async () => {
    const direct = await kubectl("bob").run(["auth", "can-i", "--list", "-n", "bookinfo"]);
    const impersonated = await kubectl(CONSOLE).run(["auth", "can-i", "--list", "-n", "bookinfo", "--as", "bob"]);
    expect(impersonated.stdout).toBe(direct.stdout);
  });
});
