/**
 * `kubectl create secret|configmap` as the Istio guides type them: kubectl sends these kinds as
 * protobuf (decode-protobuf.ts), and what it sent must read back the same.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../index";
import { kubectlFor, type Kubectl } from "../test-support/run-kubectl";

let sim: RunningSimulator;
let dir: string;
let kubectl: Kubectl;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-secret-"));
  sim = await startSimulator({ port: 0, dataDir: join(dir, "data"), kubeconfigPath: join(dir, "kubeconfig") });
  kubectl = kubectlFor(sim.kubeconfigPath, join(dir, "cache"));
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function dataOf(json: string): Record<string, string> {
  const object = JSON.parse(json) as { data?: Record<string, string> };
  return object.data ?? {};
}

describe("kubectl create secret and configmap", () => {
  it("creates a TLS secret from a certificate and key made by openssl", async () => {
    const key = join(dir, "tls.key");
    const crt = join(dir, "tls.crt");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=httpbin.example.com",
        "-keyout",
        key,
        "-out",
        crt,
      ],
      { stdio: "ignore" },
    );
    const created = await kubectl.run([
      "-n",
      "istio-system",
      "create",
      "secret",
      "tls",
      "httpbin-credential",
      `--key=${key}`,
      `--cert=${crt}`,
    ]);
    expect(created.stderr).toBe("");
    expect(created.stdout).toBe("secret/httpbin-credential created\n");
    const got = await kubectl.run(["-n", "istio-system", "get", "secret", "httpbin-credential", "-o", "json"]);
    const object = JSON.parse(got.stdout) as { type?: string };
    expect(object.type).toBe("kubernetes.io/tls");
    const data = dataOf(got.stdout);
    expect(Buffer.from(data["tls.crt"] ?? "", "base64").toString("utf8")).toBe(readFileSync(crt, "utf8"));
    expect(Buffer.from(data["tls.key"] ?? "", "base64").toString("utf8")).toBe(readFileSync(key, "utf8"));
  });

  it("creates a generic secret from files and literals, with labels kept", async () => {
    const file = join(dir, "ca.crt");
    writeFileSync(file, "not really a CA\n");
    const created = await kubectl.run([
      "-n",
      "istio-system",
      "create",
      "secret",
      "generic",
      "mutual-credential",
      `--from-file=${file}`,
      "--from-literal=cert=abc",
    ]);
    expect(created.stderr).toBe("");
    const label = await kubectl.run(["-n", "istio-system", "label", "secret", "mutual-credential", "team=edge"]);
    expect(label.stderr).toBe("");
    const got = await kubectl.run(["-n", "istio-system", "get", "secret", "mutual-credential", "-o", "json"]);
    expect(dataOf(got.stdout)).toEqual({
      "ca.crt": Buffer.from("not really a CA\n").toString("base64"),
      cert: Buffer.from("abc").toString("base64"),
    });
    const object = JSON.parse(got.stdout) as { type?: string; metadata: { labels?: Record<string, string> } };
    expect(object.type).toBe("Opaque");
    expect(object.metadata.labels).toEqual({ team: "edge" });
  });

  it("creates a ConfigMap from literals", async () => {
    const created = await kubectl.run(["-n", "default", "create", "configmap", "settings", "--from-literal=mode=fast"]);
    expect(created.stderr).toBe("");
    const got = await kubectl.run(["-n", "default", "get", "configmap", "settings", "-o", "json"]);
    expect(dataOf(got.stdout)).toEqual({ mode: "fast" });
  });
});
