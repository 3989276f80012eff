/**
 * `kubectl logs` against a running simulator with Bookinfo traffic: Envoy's access log in
 * `istio-proxy`, the app's own log, `-f` streaming new lines, a fault abort showing up as
 * `503 FI` in reviews' proxy log, and the pods/log errors and RBAC of kube-apiserver.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../index";
import { httpsRequest } from "../test-support/https-request";
import { grantClusterRole } from "../test-support/grant-cluster-role";
import { kubectlFor, type Kubectl } from "../test-support/run-kubectl";
import { waitFor } from "../test-support/wait-for";

const PODS = { group: "", resource: "pods" };

const RATINGS_ABORT_FOR_JASON = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
  namespace: bookinfo
spec:
  hosts: [ratings]
  http:
  - match:
    - headers:
        end-user: {exact: jason}
    fault:
      abort:
        percentage: {value: 100}
        httpStatus: 503
    route:
    - destination: {host: ratings}
  - route:
    - destination: {host: ratings}
`;

let sim: RunningSimulator;
let dir: string;
let kubectl: Kubectl;
let viewer: Kubectl;

function podNamed(prefix: string): string {
  const pod = sim.store.list(PODS, "bookinfo").items.find((p) => p.metadata.name?.startsWith(prefix));
  if (!pod?.metadata.name) throw new Error(`no ${prefix} pod`);
  return pod.metadata.name;
}

const logUrl = (pod: string, query: string): string => `${sim.url}/api/v1/namespaces/bookinfo/pods/${pod}/log?${query}`;
const asOps = { headers: { authorization: "Bearer ops-token" } };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-logs-"));
  const tokens = join(dir, "tokens.csv");
  writeFileSync(tokens, 'viewer-token,viewer,1001,"viewers"\nops-token,ops,1002,"system:masters"\n');
  sim = await startSimulator({
    port: 0,
    dataDir: join(dir, "data"),
    kubeconfigPath: join(dir, "kubeconfig"),
    tokensPath: tokens,
    metricsPort: 0,
    load: {
      "bookinfo-ingress": { requestsPerSecond: 30, jasonShare: 0.5 },
      fortio: { requestsPerSecond: 0 },
      "tcp-client": { requestsPerSecond: 0 },
    },
  });
  // A viewer who may read pods but not their logs.
  grantClusterRole(
    sim.store,
    "pod-reader",
    [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }],
    "viewer",
  );
  // The controllers start Bookinfo's pods just after the simulator does.
  await waitFor(() => {
    const running = sim.store
      .list(PODS, "bookinfo")
      .items.filter((p) => (p.status as { phase?: string } | undefined)?.phase === "Running");
    return running.length >= 6 || undefined;
  }, "Bookinfo's pods running");
  kubectl = kubectlFor(sim.kubeconfigPath, join(dir, "cache"), ["--token", "ops-token", "-n", "bookinfo"]);
  viewer = kubectlFor(sim.kubeconfigPath, join(dir, "cache"), ["--token", "viewer-token", "-n", "bookinfo"]);
});

afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("kubectl logs of a Bookinfo pod", () => {
  it("shows Envoy's start-up and access-log lines in istio-proxy", async () => {
    const pod = podNamed("reviews-v2-");
    const out = await waitFor(async () => {
      const r = await kubectl.run(["logs", pod, "-c", "istio-proxy"]);
      return r.stdout.includes('"GET /reviews/0 HTTP/1.1" 200 - via_upstream') ? r.stdout : undefined;
    }, "reviews-v2's access log");
    expect(out).toContain("Envoy proxy is ready");
    expect(out).toMatch(
      /^\[\S+Z\] "GET \/reviews\/0 HTTP\/1\.1" 200 - via_upstream - "-" 0 \d+ \d+ \d+ "-" "\S+" "[0-9a-f-]{36}" "reviews:9080" "[\d.]+:9080" inbound\|9080\|\| 127\.0\.0\.6:\d+ [\d.]+:9080 [\d.]+:\d+ outbound_\.9080_\._\.reviews\.bookinfo\.svc\.cluster\.local default$/m,
    );
  });

  it("shows the application's own lines in its default container", async () => {
    const pod = podNamed("productpage-v1-");
    const r = await waitFor(async () => {
      const run = await kubectl.run(["logs", pod, "--tail=5"]);
      return run.stdout.includes('"GET /productpage HTTP/1.1" 200') ? run : undefined;
    }, "productpage's own log");
    expect(r.stdout).toMatch(/^INFO:werkzeug:127\.0\.0\.6 - - \[.+\] "GET \/productpage HTTP\/1\.1" 200 -$/m);
    expect(r.stdout.trim().split("\n")).toHaveLength(5);
  });

  it("streams new lines with -f", async () => {
    const child = kubectl.spawn([
      "-n",
      "bookinfo",
      "logs",
      "-f",
      "--tail=0",
      podNamed("details-v1-"),
      "-c",
      "istio-proxy",
    ]);
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let text = "";
        child.stdout?.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
          if (text.includes("\n")) resolve(text);
        });
        child.on("exit", (code) => reject(new Error(`kubectl exited with ${code}`)));
        setTimeout(() => reject(new Error("no line within 10 s")), 10_000);
      });
      expect(line).toContain('"GET /details/0 HTTP/1.1" 200');
    } finally {
      child.kill();
    }
  });

  it("shows 503 FI lines in reviews' proxy after a ratings abort for jason", async () => {
    const manifest = join(dir, "ratings-abort.yaml");
    writeFileSync(manifest, RATINGS_ABORT_FOR_JASON);
    expect((await kubectl.run(["apply", "-f", manifest])).code).toBe(0);
    const pods = [podNamed("reviews-v2-"), podNamed("reviews-v3-")];
    const line = await waitFor(async () => {
      for (const pod of pods) {
        const r = await kubectl.run(["logs", pod, "-c", "istio-proxy", "--since=10s"]);
        const found = r.stdout.split("\n").find((l) => l.includes("503 FI fault_filter_abort"));
        if (found) return found;
      }
      return undefined;
    }, "503 FI in reviews' access log");
    expect(line).toMatch(
      /"GET \/ratings\/0 HTTP\/1\.1" 503 FI fault_filter_abort .* "ratings:9080" "-" outbound\|9080\|\|ratings\.bookinfo\.svc\.cluster\.local - /,
    );
  });
});

describe("pods/log errors, as kube-apiserver answers them", () => {
  it("asks for a container when the pod has several", async () => {
    const pod = podNamed("reviews-v2-");
    const r = await httpsRequest(logUrl(pod, ""), sim.caPem, asOps);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({
      reason: "BadRequest",
      message: `a container name must be specified for pod ${pod}, choose one of: [istio-init reviews istio-proxy]`,
    });
  });

  it("rejects an unknown container, a previous instance and both since parameters", async () => {
    const pod = podNamed("reviews-v2-");
    const unknown = await httpsRequest(logUrl(pod, "container=nope"), sim.caPem, asOps);
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).message).toBe(`container nope is not valid for pod ${pod}`);
    const previous = await kubectl.run(["logs", pod, "-c", "reviews", "--previous"]);
    expect(previous.stderr).toContain(`previous terminated container "reviews" in pod "${pod}" not found`);
    const both = await httpsRequest(
      logUrl(pod, "container=reviews&sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z"),
      sim.caPem,
      asOps,
    );
    expect(both.status).toBe(422);
    expect(JSON.parse(both.body).message).toContain("at most one of `sinceTime` or `sinceSeconds` may be specified");
  });

  it("forbids a user without get on pods/log, in kube's words", async () => {
    const pod = podNamed("reviews-v2-");
    expect((await viewer.run(["get", "pod", pod])).code).toBe(0);
    const r = await viewer.run(["logs", pod, "-c", "istio-proxy"]);
    expect(r.stderr).toContain(
      `Error from server (Forbidden): pods "${pod}" is forbidden: User "viewer" cannot get resource "pods/log" in API group "" in the namespace "bookinfo"`,
    );
  });
});
