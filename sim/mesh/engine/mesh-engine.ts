/**
 * The mesh engine: a discrete-event simulation of Istio's data plane on a virtual clock.
 *
 * Everything that happens — a user arriving at the ingress gateway, a request crossing
 * the network, an application finishing its work, a timeout firing, a retry's back-off
 * ending — is an event in one priority queue ordered by virtual time (engine/scheduler).
 * `advanceTo(t)` runs every event due up to `t`; handling an event schedules later ones.
 * In the running simulator a real-time driver calls it every ~50 ms with the elapsed
 * wall-clock time; tests call it directly and simulate minutes in milliseconds. All
 * randomness comes from one seeded generator, so a run is reproducible.
 *
 * A request's journey: load generator → caller's proxy (engine/proxy-exchange: the pure
 * router decides, then faults, retries, timeouts, pools, outlier detection) → server's
 * inbound sidecar and application (engine/serve-http), which may call further services
 * the same way. Each proxy reports what it saw to the metric registry as Istio's stats
 * filter would; /metrics renders it.
 *
 * Routing reads an immutable snapshot of the cluster's config, rebuilt from the store's
 * watch whenever something changed (config/config-watcher) — at the latest on the next
 * tick, so a config change shows in the traffic within ~50 ms of virtual time.
 */
import type { StoreClient } from "../../store/types";
import { BehaviourTable } from "../behaviour/behaviour-table";
import type { BehaviourOverride } from "../behaviour/types";
import { ConfigWatcher } from "../config/config-watcher";
import type { ConfigSnapshot } from "@/lib/istio/routing/snapshot";
import { ExternalLoad } from "../load/external-load";
import { FortioLoad } from "../load/fortio-load";
import { GrpcClientLoad } from "../load/grpc-load";
import type { LoadGenerator } from "../load/generator";
import { gatewaysAccepting } from "@/lib/istio/routing/gateway-servers";
import { ingressGatewayPod, IngressLoad } from "../load/ingress-load";
import {
  DEFAULT_LOAD,
  ENTRY_POINTS,
  mergeLoad,
  type EntryPointLoad,
  type EntryPointName,
  type LoadOverrides,
  type LoadSettings,
} from "../load/load-settings";
import { SyntheticLoad } from "../load/synthetic-load";
import { TcpClientLoad } from "../load/tcp-load";
import { ProxySync } from "../istiod/proxy-sync";
import { ProxyStates } from "../proxy/proxy-state";
import { MetricRegistry } from "../telemetry/metric-registry";
import type { ProxyRecordSink } from "../telemetry/proxy-record";
import type { HttpRequest } from "@/lib/istio/routing/types";
import type { Cancellable, EngineContext, HttpResponse } from "./context";
import { createIdSource } from "./request-ids";
import { createRng } from "./rng";
import { Scheduler } from "./scheduler";
import { sendHttp } from "./send-http";

export interface MeshEngineOptions {
  store: StoreClient;
  seed?: number;
  load?: LoadOverrides;
  /** Receives every proxy's record of every HTTP request (default: dropped). */
  proxyRecords?: ProxyRecordSink;
  /** Wall-clock epoch ms of virtual time 0 (default: when the engine is made). */
  epochMs?: number;
  /** Percentage of new traces sampled, 0–100; default 100, as Istio's demo profile. */
  traceSamplingPercent?: number;
  /** Which proxies lag behind istiod's pushes; shared with istiod's debug endpoint (default: a table of its own). */
  proxySync?: ProxySync;
}

export interface MeshState {
  virtualTimeMs: number;
  paused: boolean;
  seed: number;
  load: LoadSettings;
  workloads: Record<string, BehaviourOverride>;
  configVersion: number;
  series: { request: number; tcp: number };
  reports: number;
  /** HTTP requests reported by servers' sidecars (each hop once). */
  requests: number;
  pendingEvents: number;
  /** `namespace/pod` of the proxies made stale (their xDS acks lag behind istiod's pushes). */
  staleProxies: string[];
}

const GENERATORS: Record<EntryPointName, new (g: { ctx: EngineContext; isPaused(): boolean }) => LoadGenerator> = {
  "bookinfo-ingress": IngressLoad,
  fortio: FortioLoad,
  "tcp-client": TcpClientLoad,
  synthetic: SyntheticLoad,
  "grpc-client": GrpcClientLoad,
  external: ExternalLoad,
};

export class MeshEngine {
  readonly telemetry = new MetricRegistry();
  private readonly scheduler = new Scheduler();
  private readonly watcher: ConfigWatcher;
  private readonly behaviours = new BehaviourTable();
  private readonly proxies = new ProxyStates();
  private readonly ctx: EngineContext;
  private readonly generators: Record<EntryPointName, LoadGenerator>;
  private readonly initialLoad: LoadSettings;
  private load: LoadSettings;
  private paused = false;
  readonly seed: number;
  readonly proxySync: ProxySync;

  constructor(options: MeshEngineOptions) {
    this.seed = options.seed ?? 1;
    this.proxySync = options.proxySync ?? new ProxySync();
    this.watcher = new ConfigWatcher(options.store);
    const ctx: EngineContext = {
      scheduler: this.scheduler,
      rng: createRng(this.seed),
      snapshot: () => this.watcher.current(),
      telemetry: this.telemetry,
      proxyRecords: options.proxyRecords ?? { record: () => {} },
      epochMs: options.epochMs ?? Date.now(),
      ids: createIdSource(this.seed),
      traceSamplingPercent: options.traceSamplingPercent ?? 100,
      behaviours: this.behaviours,
      proxies: this.proxies,
      sendHttp: (caller, request, done) => sendHttp(ctx, caller, request, done),
    };
    this.ctx = ctx;
    this.initialLoad = mergeLoad(DEFAULT_LOAD, options.load);
    this.load = structuredClone(this.initialLoad);
    const g = { ctx, isPaused: () => this.paused };
    this.generators = Object.fromEntries(ENTRY_POINTS.map((name) => [name, new GENERATORS[name](g)])) as Record<
      EntryPointName,
      LoadGenerator
    >;
    for (const name of ENTRY_POINTS) this.generators[name].apply(this.load[name]);
  }

  /** Virtual milliseconds since the engine started. */
  get now(): number {
    return this.scheduler.now;
  }

  /** Runs every event due up to `timeMs` (virtual); never goes backwards. */
  advanceTo(timeMs: number): void {
    if (timeMs < this.scheduler.now) return;
    this.watcher.current();
    for (const name of ENTRY_POINTS) this.generators[name].tick?.();
    this.scheduler.runUntil(timeMs);
  }

  /** Advances in steps, as the real-time driver would, so config changes between steps are seen. */
  advanceBy(durationMs: number, stepMs = 50): void {
    const end = this.scheduler.now + durationMs;
    while (this.scheduler.now < end) this.advanceTo(Math.min(end, this.scheduler.now + stepMs));
  }

  /**
   * A request from outside the cluster arriving at the ingress gateway pod's container `port` (8080, 8443), as
   * the simulated users' do; `done` runs when the gateway answers, on a later tick. Undefined: no ready gateway
   * pod, so nothing listens.
   */
  sendAtIngress(port: number, request: HttpRequest, done: (response: HttpResponse) => void): Cancellable | undefined {
    const snapshot = this.ctx.snapshot();
    const pod = ingressGatewayPod(snapshot);
    if (!pod) return undefined;
    return this.ctx.sendHttp({ pod, gateways: gatewaysAccepting(snapshot, pod, port, request.host) }, request, done);
  }

  setLoad(entryPoint: EntryPointName, load: Partial<EntryPointLoad>): EntryPointLoad {
    const next = { ...this.load[entryPoint], ...load };
    this.load[entryPoint] = next;
    this.generators[entryPoint].apply(next);
    return next;
  }

  setWorkloadBehaviour(namespace: string, workload: string, override: BehaviourOverride): void {
    this.behaviours.setOverride(namespace, workload, override);
  }

  /** Stops new arrivals; requests in flight finish. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** Makes a proxy stop (or resume) acknowledging istiod's pushes, as istiod's /debug/syncz then reports. */
  setProxyStale(namespace: string, pod: string, stale: boolean): void {
    this.proxySync.setStale(namespace, pod, stale, this.watcher.current().version);
  }

  /**
   * Back to the start-up load and behaviours, pools and ejections forgotten, every proxy synced; counters stay
   * monotonic.
   */
  reset(): void {
    this.behaviours.clearOverrides();
    this.proxySync.clear();
    this.proxies.clear();
    this.load = structuredClone(this.initialLoad);
    for (const name of ENTRY_POINTS) this.generators[name].apply(this.load[name]);
    this.paused = false;
  }

  snapshot(): ConfigSnapshot {
    return this.watcher.current();
  }

  state(): MeshState {
    return {
      virtualTimeMs: Math.round(this.scheduler.now),
      paused: this.paused,
      seed: this.seed,
      load: structuredClone(this.load),
      workloads: this.behaviours.listOverrides(),
      configVersion: this.watcher.current().version,
      series: this.telemetry.seriesCount,
      reports: this.telemetry.reportCount,
      requests: this.telemetry.destinationRequestCount,
      pendingEvents: this.scheduler.pending,
      staleProxies: this.proxySync.list(),
    };
  }

  renderMetrics(): string {
    return this.telemetry.render();
  }

  /** The exposition in pieces, for serving a large mesh without one giant string. */
  metricChunks(): Iterable<string> {
    return this.telemetry.chunks();
  }

  stop(): void {
    for (const name of ENTRY_POINTS) this.generators[name].stop();
    this.watcher.stop();
    this.scheduler.clear();
  }
}
