/**
 * Starts the whole simulator in-process: store (fresh or reloaded from --state), admission,
 * controllers, scenarios and the synthetic mesh, then the HTTPS API server and its
 * kubeconfig. The CLI (sim/cli/main.ts) and the integration tests both start it this way.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MemoryStore } from "./store/memory-store";
import { createAdmittedStore } from "./store/admitted-store";
import { loadState, persistOnChange, type Persister } from "./store/persist-state";
import type { StoreClient } from "./store/types";
import { findResourceByKind } from "./store/resource-registry";
import { admit } from "./admission/index";
import { startControllers } from "./controllers/index";
import { applyScenarioDirs } from "./scenarios/apply-scenarios";
import { startApiServer } from "./apiserver/start-api-server";
import { allowEveryone, authenticateWithTokens, readTokenFile } from "./apiserver/authenticate";
import { allowAll, authorizeWithRbac } from "./apiserver/authorize-rbac";
import { isStatusError } from "./apiserver/status-error";
import { ensureTlsMaterial } from "./cli/certificates";
import { writeKubeconfig } from "./cli/write-kubeconfig";
import { startMesh, type LoadOverrides, type RunningMesh } from "./mesh/index";
import { ContainerLogStore } from "./logs/container-log-store";
import { startPodLogFeeder } from "./logs/pod-log-feeder";
import { ConfigWatcher } from "./mesh/config/config-watcher";
import { startProxyAdmin } from "./mesh/envoy/proxy-admin";
import { startIstiodDebug } from "./mesh/istiod/istiod-debug";
import { ProxySync } from "./mesh/istiod/proxy-sync";

export const DEFAULT_SCENARIO_DIR = fileURLToPath(new URL("./scenarios/default", import.meta.url));
/** A gRPC service in two versions and its client (sim/scenarios/README.md); applied only when asked for. */
export const GRPC_ECHO_SCENARIO_DIR = fileURLToPath(new URL("./scenarios/grpc-echo", import.meta.url));
/**
 * The demo's users (alice, bob, carol and the console's service account) as a token file for
 * `tokensPath`; their RBAC is in the default scenario. The kubeconfig then has a context per
 * user, `<name>@topsail-sim` (sim/cli/write-kubeconfig.ts).
 */
export const DEMO_TOKENS_PATH = fileURLToPath(new URL("./scenarios/demo-tokens.csv", import.meta.url));
/** The namespaces every real API server creates for itself; applied before any scenario. */
export const SYSTEM_SCENARIO_DIR = fileURLToPath(new URL("./scenarios/system", import.meta.url));

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Where the CA (and by default the state) lives; default `.topsail/sim`. */
  dataDir?: string;
  kubeconfigPath?: string;
  /** Scenario directories applied at a fresh start; default the built-in one. */
  scenarioDirs?: string[];
  statePath?: string;
  seed?: number;
  /** Services in the synthetic mesh applied after the scenarios; 0 for none. */
  scale?: number;
  tokensPath?: string;
  bookmarkIntervalSeconds?: number;
  /**
   * Starts the Istio traffic engine with its /metrics and control API on this port (0 = a
   * free one). Without it the simulator is an API server only — what most in-process tests
   * want, and why the CLI, not this function, supplies the 15090 default.
   */
  metricsPort?: number;
  /** Traffic per entry point, when the traffic engine runs. */
  load?: LoadOverrides;
  /**
   * With the traffic engine: serve the proxies' traces through Jaeger's query API on this port
   * (0 = a free one), at `/jaeger` as Istio's Jaeger addon does. The CLI supplies 16686.
   */
  tracingPort?: number;
  /** Watch events kept for resuming watches; older resourceVersions get 410 Expired. */
  watchHistorySize?: number;
  /** Every API request but watches waits this long (a slow API server); default 0. */
  apiLatencyMs?: number;
  /** Percentage of new traces sampled by the traffic engine, 0–100; default 100. */
  traceSamplingPercent?: number;
  /**
   * With the traffic engine: the ingress gateway's HTTP on this real local port (0 = a free one), routed by
   * Gateways and VirtualServices as the simulated users are; absent = not listening.
   */
  ingressHttpPort?: number;
  /** With the traffic engine: its HTTPS on this port, TLS from the Gateway servers' credential Secrets. */
  ingressHttpsPort?: number;
}

export interface RunningSimulator {
  url: string;
  caPem: string;
  kubeconfigPath: string;
  store: StoreClient;
  /** The traffic engine, when `metricsPort` was given. */
  mesh?: RunningMesh;
  /** What the pods' containers printed (start-up lines; access and app lines with the traffic engine). */
  podLogs: ContainerLogStore;
  /** Makes every API request but watches wait this long from now on (0: answer at once). */
  setApiLatency(ms: number): void;
  stop(): Promise<void>;
}

/** Loaded only when asked for: the generator is not needed for an ordinary start. */
async function applySyntheticMesh(store: StoreClient, services: number, seed: number): Promise<void> {
  const { generateSyntheticMesh } = await import("./scale/generate-synthetic-mesh");
  for (const object of generateSyntheticMesh(services, seed)) {
    const def = findResourceByKind(object.apiVersion, object.kind);
    if (!def) continue;
    try {
      store.create(def, object);
    } catch (err) {
      if (!(isStatusError(err) && err.code === 409)) throw err;
    }
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const dataDir = resolve(options.dataDir ?? ".topsail/sim");
  const kubeconfigPath = resolve(options.kubeconfigPath ?? ".topsail/kubeconfig");
  const memory = new MemoryStore(
    options.watchHistorySize !== undefined ? { historySize: options.watchHistorySize } : {},
  );
  const saved = options.statePath ? loadState(options.statePath) : undefined;
  if (saved) memory.importState(saved);
  const store = createAdmittedStore(memory, admit);
  const controllers = startControllers(store);
  // Also after a reload: a state saved by an older simulator may predate them.
  applyScenarioDirs(store, [SYSTEM_SCENARIO_DIR]);
  if (!saved) {
    applyScenarioDirs(store, options.scenarioDirs ?? [DEFAULT_SCENARIO_DIR]);
    if (options.scale && options.scale > 0) await applySyntheticMesh(store, options.scale, options.seed ?? 1);
  }
  const persister: Persister | undefined = options.statePath ? persistOnChange(memory, options.statePath) : undefined;
  persister?.flush();

  const podLogs = new ContainerLogStore();
  const logFeeder = startPodLogFeeder(store, podLogs);

  const tls = ensureTlsMaterial(dataDir);
  const latency = { ms: options.apiLatencyMs ?? 0 };
  const tokens = options.tokensPath ? readTokenFile(options.tokensPath) : undefined;
  let mesh: RunningMesh | undefined;
  // The proxies' admin API reads the traffic engine's snapshot when it runs, so the config
  // dump is what traffic is routed by; without the engine, a watcher of its own (made on
  // the first port-forward) builds the same snapshot from the store.
  let ownWatcher: ConfigWatcher | undefined;
  const snapshot = () => (mesh ? mesh.engine.snapshot() : (ownWatcher ??= new ConfigWatcher(store)).current());
  const proxyAdmin = startProxyAdmin({ snapshot });
  // istiod's /debug/syncz on its 15014: the proxies' sync state, which the control API (with the engine) changes.
  const proxySync = new ProxySync();
  const istiodDebug = startIstiodDebug({ snapshot, sync: proxySync });
  const server = await startApiServer({
    port: options.port ?? 18080,
    keyPem: tls.keyPem,
    certPem: tls.certPem,
    memory,
    admit,
    authenticate: tokens ? authenticateWithTokens(tokens, tls.adminToken) : allowEveryone(),
    authorize: tokens ? authorizeWithRbac(memory) : allowAll(),
    ...(options.bookmarkIntervalSeconds !== undefined
      ? { bookmarkIntervalSeconds: options.bookmarkIntervalSeconds }
      : {}),
    latency,
    podLogs,
    // Kubelet dials one port of one pod: at most one of these listens there.
    podPorts: {
      connect: (namespace, pod, port) =>
        proxyAdmin.connect(namespace, pod, port) ?? istiodDebug.connect(namespace, pod, port),
    },
  });
  // One context per user: a user with several tokens gets the first.
  const byName = new Map<string, string>();
  for (const [token, user] of tokens ?? []) if (!byName.has(user.name)) byName.set(user.name, token);
  const userCredentials = [...byName].map(([name, token]) => ({ name, token }));
  writeKubeconfig(kubeconfigPath, server.url, tls.caPem, tls.adminToken, userCredentials);

  if (options.metricsPort !== undefined) {
    try {
      mesh = await startMesh({
        store,
        metricsPort: options.metricsPort,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.load ? { load: options.load } : {}),
        ...(options.tracingPort !== undefined ? { tracingPort: options.tracingPort } : {}),
        ...(options.traceSamplingPercent !== undefined ? { traceSamplingPercent: options.traceSamplingPercent } : {}),
        ...(options.ingressHttpPort !== undefined ? { ingressHttpPort: options.ingressHttpPort } : {}),
        ...(options.ingressHttpsPort !== undefined ? { ingressHttpsPort: options.ingressHttpsPort } : {}),
        proxyRecordSinks: [logFeeder],
        proxySync,
      });
    } catch (error) {
      logFeeder.stop();
      controllers.stop();
      await server.close();
      proxyAdmin.close();
      istiodDebug.close();
      persister?.stop();
      throw error;
    }
  }

  return {
    url: server.url,
    caPem: tls.caPem,
    kubeconfigPath,
    store,
    ...(mesh ? { mesh } : {}),
    podLogs,
    setApiLatency: (ms) => {
      latency.ms = Math.max(0, ms);
    },
    stop: async () => {
      await mesh?.stop();
      logFeeder.stop();
      controllers.stop();
      await server.close();
      proxyAdmin.close();
      istiodDebug.close();
      ownWatcher?.stop();
      persister?.stop();
    },
  };
}
