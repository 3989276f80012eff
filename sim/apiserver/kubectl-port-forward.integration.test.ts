/**
 * `kubectl port-forward` (1.32) against the simulator, as a user runs it: kubectl first
 * tunnels SPDY through a WebSocket and, with KUBECTL_PORT_FORWARD_WEBSOCKETS=false, goes
 * straight to the SPDY upgrade; either way the local port reaches productpage's Envoy admin
 * API. Plus what kubectl prints for a port nothing listens on in the pod, and for a user
 * who may not port-forward.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "../index";
import { userContext } from "../cli/write-kubeconfig";
import { Dump, RoutesDump } from "../mesh/test-support/read-config-dump";
import { kubectlFor, type Kubectl } from "../test-support/run-kubectl";
import { waitFor } from "../test-support/wait-for";

/** kubectl's transports, each recognised by what it logs at -v=6 when it connects. */
const TRANSPORTS = [
  {
    name: "SPDY tunnelled through a WebSocket",
    env: {},
    connected: /tunneling_dialer\.go:\d+\] negotiated protocol: portforward\.k8s\.io/,
  },
  {
    name: "the SPDY upgrade",
    env: { KUBECTL_PORT_FORWARD_WEBSOCKETS: "false" },
    connected: /POST https:\/\/\S+\/portforward 101 Switching Protocols/,
  },
] as const;

let sim: RunningSimulator;
let dir: string;
let kubectl: Kubectl;
let productpage: string;
const children = new Set<ChildProcess>();

interface Forward {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `kubectl port-forward pod/<productpage> :<remote>` and waits for its "Forwarding from" line. */
async function portForward(remote: number, env: Record<string, string>): Promise<Forward> {
  const child = kubectl.spawn(["-v=6", "-n", "bookinfo", "port-forward", `pod/${productpage}`, `:${remote}`], env);
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const match = new RegExp(`Forwarding from 127\\.0\\.0\\.1:(\\d+) -> ${remote}`).exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`kubectl exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`no "Forwarding from" line within 10 s: ${stderr}`)), 10_000);
  });
  return { child, port, stderr: () => stderr, exited };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topsail-sim-kubectl-port-forward-"));
  sim = await startSimulator({
    port: 0,
    dataDir: join(dir, "data"),
    kubeconfigPath: join(dir, "kubeconfig"),
    tokensPath: DEMO_TOKENS_PATH,
  });
  kubectl = kubectlFor(sim.kubeconfigPath, join(dir, "cache"));
  productpage = await waitFor(async () => {
    const r = await kubectl.run(["get", "pods", "-n", "bookinfo", "-l", "app=productpage", "-o", "name"]);
    return (
      r.stdout
        .trim()
        .split("\n")[0]
        ?.replace(/^pod\//, "") || undefined
    );
  }, "a productpage pod");
}, 60_000);

afterAll(async () => {
  for (const child of children) child.kill();
  await sim?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("kubectl port-forward to a proxy's admin port", () => {
  it.each(TRANSPORTS)("serves productpage's /config_dump over $name", async ({ env, connected }) => {
    const forward = await portForward(15000, env);
    try {
      // Two requests at once are two forwarded connections: two pairs of streams on one SPDY connection.
      const [dump, ready] = await Promise.all([
        fetch(`http://127.0.0.1:${forward.port}/config_dump`).then((r) => r.text()),
        fetch(`http://127.0.0.1:${forward.port}/ready`).then((r) => r.text()),
      ]);
      expect(ready).toBe("LIVE\n");
      // Far beyond SPDY's 64 KiB initial window, which kubectl never widens: all of it must still arrive.
      expect(dump.length).toBeGreaterThan(64 * 1024);
      const routes = Dump.parse(JSON.parse(dump))
        .configs.map((c) => RoutesDump.safeParse(c))
        .find((r) => r.success)?.data;
      const hosts = routes?.dynamic_route_configs
        .find((r) => r.route_config.name === "9080")
        ?.route_config.virtual_hosts.map((v) => v.name);
      expect(hosts).toContain("reviews.bookinfo.svc.cluster.local:9080");
      expect(forward.stderr()).toMatch(connected);
    } finally {
      forward.child.kill();
    }
  });

  it.each(TRANSPORTS)("prints kubelet's error for a port nothing listens on, over $name", async ({ env }) => {
    const forward = await portForward(9080, env);
    try {
      await expect(fetch(`http://127.0.0.1:${forward.port}/`)).rejects.toThrow();
      expect(await forward.exited).toBe(1);
      expect(forward.stderr()).toMatch(
        new RegExp(
          `an error occurred forwarding ${forward.port} -> 9080: error forwarding port 9080 to pod [0-9a-f]{64}, uid : ` +
            `.*failed to connect to localhost:9080 inside namespace .*connection refused`,
        ),
      );
      expect(forward.stderr()).toContain("error: lost connection to pod");
    } finally {
      forward.child.kill();
    }
  });

  it("refuses a user who may not port-forward, with kube's 403 on both of kubectl's attempts", async () => {
    const bob = kubectlFor(sim.kubeconfigPath, join(dir, "cache-bob"), ["--context", userContext("bob")]);
    const r = await bob.run(["-v=6", "-n", "bookinfo", "port-forward", `pod/${productpage}`, ":15000"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/fallback to secondary dialer from primary dialer err: .*is forbidden: User "bob"/);
    expect(r.stderr).toMatch(/POST https:\/\/\S+\/portforward 403 Forbidden/);
    expect(r.stderr).toContain(
      `error: error upgrading connection: pods "${productpage}" is forbidden: User "bob" cannot create resource ` +
        `"pods/portforward" in API group "" in the namespace "bookinfo"`,
    );
  });
});
