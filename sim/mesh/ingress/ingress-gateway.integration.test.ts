/**
 * Istio's "Ingress Gateways" and "Secure Gateways" tasks against the simulator, by kubectl and
 * curl only: httpbin exposed through a Gateway and a VirtualService on the ingress gateway's real
 * HTTP port, then over HTTPS for one host, two hosts each with its own certificate (SNI), and
 * mutual TLS. Certificates are made with openssl as the task makes them.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../index";
import { kubectlFor, type Kubectl } from "../../test-support/run-kubectl";
import { waitFor } from "../../test-support/wait-for";

let sim: RunningSimulator;
let dir: string;
let kubectl: Kubectl;
let httpPort: string;
let httpsPort: string;

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "ignore" });
}

/** A root CA `<name>.crt`/`.key` for `O=<name> Inc./CN=<name>`, as the task's first step. */
function makeCa(name: string): void {
  openssl(
    "req",
    "-x509",
    "-sha256",
    "-nodes",
    "-days",
    "2",
    "-newkey",
    "rsa:2048",
    "-subj",
    `/O=${name} Inc./CN=${name}`,
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.crt`,
  );
}

/** A certificate for `cn` signed by `ca`, with the host as its SAN (curl checks SANs). */
function makeCert(name: string, cn: string, ca: string): void {
  openssl(
    "req",
    "-out",
    `${name}.csr`,
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    `${name}.key`,
    "-subj",
    `/CN=${cn}/O=${name} organization`,
  );
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=DNS:${cn}\n`);
  openssl(
    "x509",
    "-req",
    "-sha256",
    "-days",
    "2",
    "-CA",
    `${ca}.crt`,
    "-CAkey",
    `${ca}.key`,
    "-set_serial",
    "1",
    "-in",
    `${name}.csr`,
    "-out",
    `${name}.crt`,
    "-extfile",
    `${name}.ext`,
  );
}

interface CurlResult {
  code: number;
  status: string;
  body: string;
}

/** `curl -s -o <body> -w %{http_code} …`: the exit code, the status and the body. */
function curl(args: string[]): Promise<CurlResult> {
  const bodyFile = join(dir, "body");
  writeFileSync(bodyFile, "");
  return new Promise((resolve) => {
    execFile("curl", ["-s", "-o", bodyFile, "-w", "%{http_code}", "--max-time", "10", ...args], (err, stdout) => {
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      const body = execFileSync("cat", [bodyFile]).toString("utf8");
      resolve({ code, status: stdout, body });
    });
  });
}

function secureCurl(host: string, path: string, extra: string[]): Promise<CurlResult> {
  return curl(["--resolve", `${host}:${httpsPort}:127.0.0.1`, ...extra, `https://${host}:${httpsPort}${path}`]);
}

async function apply(yaml: string): Promise<void> {
  const r = await kubectl.run(["apply", "-f", "-"], yaml);
  expect(r.stderr).toBe("");
}

const HTTPBIN_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
  namespace: httpbin
spec:
  hosts: ["httpbin.example.com"]
  gateways: ["httpbin-gateway"]
  http:
  - match:
    - uri: {prefix: /status}
    - uri: {prefix: /delay}
    route:
    - destination: {host: httpbin, port: {number: 8000}}
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-ingress-"));
  sim = await startSimulator({
    port: 0,
    dataDir: join(dir, "data"),
    kubeconfigPath: join(dir, "kubeconfig"),
    metricsPort: 0,
    ingressHttpPort: 0,
    ingressHttpsPort: 0,
    // The users' own traffic is not what this test is about.
    load: {
      "bookinfo-ingress": { requestsPerSecond: 0 },
      fortio: { requestsPerSecond: 1 },
      synthetic: { requestsPerSecond: 0 },
    },
  });
  kubectl = kubectlFor(sim.kubeconfigPath, join(dir, "cache"));
  httpPort = new URL(sim.mesh?.ingressHttpUrl ?? "").port;
  httpsPort = new URL(sim.mesh?.ingressHttpsUrl ?? "").port;
  makeCa("example.com");
  makeCa("example2.com");
  makeCert("httpbin.example.com", "httpbin.example.com", "example.com");
  makeCert("helloworld.example.com", "helloworld.example.com", "example2.com");
  makeCert("client.example.com", "client.example.com", "example.com");
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the ingress gateway on real ports", () => {
  it("httpbin is in the default scenario", async () => {
    const r = await kubectl.run(["-n", "httpbin", "get", "service", "httpbin"]);
    expect(r.stdout).toMatch(/\nhttpbin\s+ClusterIP/);
  });

  it("answers /status/200 with 200 and /headers with an empty 404 (NR) through a Gateway on port 80", async () => {
    await apply(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
  namespace: httpbin
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["httpbin.example.com"]
---
${HTTPBIN_VS}`);
    const url = `http://127.0.0.1:${httpPort}`;
    const ok = await waitFor(async () => {
      const r = await curl(["-H", "Host:httpbin.example.com", `${url}/status/200`]);
      return r.status === "200" ? r : undefined;
    }, "200 from httpbin through the ingress");
    expect(ok.code).toBe(0);
    const notExposed = await curl(["-H", "Host:httpbin.example.com", `${url}/headers`]);
    expect(notExposed.status).toBe("404");
    expect(notExposed.body).toBe("");
  });

  it("applies a fault abort and a delay configured on the route", async () => {
    await apply(
      HTTPBIN_VS.replace(
        "    route:",
        "    fault:\n      abort: {httpStatus: 418, percentage: {value: 100}}\n      delay: {fixedDelay: 1s, percentage: {value: 100}}\n    route:",
      ),
    );
    const started = Date.now();
    const aborted = await waitFor(async () => {
      const r = await curl(["-H", "Host:httpbin.example.com", `http://127.0.0.1:${httpPort}/status/200`]);
      return r.status === "418" ? r : undefined;
    }, "the fault's 418");
    expect(aborted.body).toBe("fault filter abort");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await apply(HTTPBIN_VS);
  });

  it("serves HTTPS for one host with the credential Secret (SIMPLE)", async () => {
    const secret = await kubectl.run([
      "-n",
      "istio-system",
      "create",
      "secret",
      "tls",
      "httpbin-credential",
      `--key=${join(dir, "httpbin.example.com.key")}`,
      `--cert=${join(dir, "httpbin.example.com.crt")}`,
    ]);
    expect(secret.stderr).toBe("");
    await apply(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
  namespace: httpbin
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    tls: {mode: SIMPLE, credentialName: httpbin-credential}
    hosts: ["httpbin.example.com"]
`);
    const cacert = ["--cacert", join(dir, "example.com.crt")];
    const ok = await waitFor(async () => {
      const r = await secureCurl("httpbin.example.com", "/status/200", cacert);
      return r.status === "200" ? r : undefined;
    }, "200 over HTTPS");
    expect(ok.code).toBe(0);
    // A client that does not trust the CA refuses the certificate (curl exit 60).
    const untrusted = await secureCurl("httpbin.example.com", "/status/200", []);
    expect(untrusted.code).toBe(60);
  });

  it("serves two hosts on one port, each with its own certificate chosen by SNI", async () => {
    const secret = await kubectl.run([
      "-n",
      "istio-system",
      "create",
      "secret",
      "tls",
      "helloworld-credential",
      `--key=${join(dir, "helloworld.example.com.key")}`,
      `--cert=${join(dir, "helloworld.example.com.crt")}`,
    ]);
    expect(secret.stderr).toBe("");
    await apply(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
  namespace: httpbin
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 443, name: https-httpbin, protocol: HTTPS}
    tls: {mode: SIMPLE, credentialName: httpbin-credential}
    hosts: ["httpbin.example.com"]
  - port: {number: 443, name: https-helloworld, protocol: HTTPS}
    tls: {mode: SIMPLE, credentialName: helloworld-credential}
    hosts: ["helloworld.example.com"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: helloworld
  namespace: httpbin
spec:
  hosts: ["helloworld.example.com"]
  gateways: ["httpbin-gateway"]
  http:
  - route:
    - destination: {host: httpbin, port: {number: 8000}}
`);
    // helloworld's certificate is signed by the second CA only: trusting it works, trusting the first does not.
    const hello = await waitFor(async () => {
      const r = await secureCurl("helloworld.example.com", "/hello", ["--cacert", join(dir, "example2.com.crt")]);
      return r.status === "200" ? r : undefined;
    }, "helloworld over HTTPS");
    expect(hello.code).toBe(0);
    const wrongCa = await secureCurl("helloworld.example.com", "/hello", ["--cacert", join(dir, "example.com.crt")]);
    expect(wrongCa.code).toBe(60);
    const httpbin = await secureCurl("httpbin.example.com", "/status/200", ["--cacert", join(dir, "example.com.crt")]);
    expect(httpbin.status).toBe("200");
    // No Gateway server for this name: the connection is closed during the handshake.
    const unknown = await secureCurl("other.example.com", "/", ["--cacert", join(dir, "example.com.crt")]);
    expect(unknown.code).not.toBe(0);
  });

  it("requires a client certificate for MUTUAL, verified against the credential's CA", async () => {
    const del = await kubectl.run(["-n", "istio-system", "delete", "secret", "httpbin-credential"]);
    expect(del.stderr).toBe("");
    const secret = await kubectl.run([
      "-n",
      "istio-system",
      "create",
      "secret",
      "generic",
      "httpbin-credential",
      `--from-file=tls.key=${join(dir, "httpbin.example.com.key")}`,
      `--from-file=tls.crt=${join(dir, "httpbin.example.com.crt")}`,
      `--from-file=ca.crt=${join(dir, "example.com.crt")}`,
    ]);
    expect(secret.stderr).toBe("");
    await apply(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
  namespace: httpbin
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    tls: {mode: MUTUAL, credentialName: httpbin-credential}
    hosts: ["httpbin.example.com"]
`);
    const cacert = ["--cacert", join(dir, "example.com.crt")];
    const refused = await waitFor(async () => {
      const r = await secureCurl("httpbin.example.com", "/status/200", cacert);
      return r.code !== 0 ? r : undefined;
    }, "a refusal without a client certificate");
    expect(refused.status).not.toBe("200");
    const withCert = await secureCurl("httpbin.example.com", "/status/200", [
      ...cacert,
      "--cert",
      join(dir, "client.example.com.crt"),
      "--key",
      join(dir, "client.example.com.key"),
    ]);
    expect(withCert.code).toBe(0);
    expect(withCert.status).toBe("200");
    // A certificate from a CA the credential does not name is refused too.
    const foreign = await secureCurl("httpbin.example.com", "/status/200", [
      ...cacert,
      "--cert",
      join(dir, "helloworld.example.com.crt"),
      "--key",
      join(dir, "helloworld.example.com.key"),
    ]);
    expect(foreign.code).not.toBe(0);
  });
});
