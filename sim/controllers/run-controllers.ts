/**
 * The thin loop around the pure reconcilers: watch events become keys on one work queue;
 * processing a key reads current state from the store, asks the reconciler for actions and
 * applies them. A conflict or a race with another writer just queues the key again.
 */
import type { KubeObject, StoreClient, WatchEvent } from "../store/types";
import { seededRandom } from "./hashing";
import { Informer } from "./informer";
import { type Action, REFS, controllerOf, isOwnedBy, matchesSelector, specOf, statusOf } from "./objects";
import { reconcileDeployment } from "./reconcile-deployment";
import { reconcileEndpoints } from "./reconcile-endpoints";
import { PodIpAllocator, startPod } from "./reconcile-pod-status";
import { reconcileReplicaSet } from "./reconcile-replicaset";
import { rollOnInjectionChange } from "./roll-on-injection-change";
import { CLUSTER_ROLES, aggregateClusterRole, aggregationRuleOf } from "./aggregate-cluster-roles";
import { WorkQueue } from "./work-queue";

export interface ControllerOptions {
  /** Seeds pod-name suffixes, so a run is reproducible. */
  seed?: number;
  now?: () => string;
  log?: (message: string) => void;
}

export interface RunningControllers {
  stop(): void;
  /** Resolves when every queued change has been reconciled. */
  whenIdle(): Promise<void>;
}

type Kind = "deploy" | "rs" | "pod" | "ep" | "ns" | "cr";

function key(kind: Kind, namespace: string | undefined, name: string): string {
  return `${kind}|${namespace ?? ""}|${name}`;
}

function secondsNow(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, "Z");
}

const INJECTION_LABELS = ["istio-injection", "istio.io/rev"] as const;

function injectionLabels(ns: KubeObject): string {
  return INJECTION_LABELS.map((l) => ns.metadata.labels?.[l] ?? "").join("|");
}

export function runControllers(store: StoreClient, options: ControllerOptions = {}): RunningControllers {
  const random = seededRandom(options.seed ?? 1);
  const now = options.now ?? secondsNow;
  const log = options.log ?? ((m: string) => console.error(`[sim/controllers] ${m}`));
  const ips = new PodIpAllocator();
  const namespaceLabels = new Map<string, string>();

  const queue = new WorkQueue(process);
  const deployments = new Informer(store, REFS.deployments);
  const replicaSets = new Informer(store, REFS.replicasets);
  const pods = new Informer(store, REFS.pods);
  const services = new Informer(store, REFS.services);
  const endpoints = new Informer(store, REFS.endpoints);
  const namespaces = new Informer(store, REFS.namespaces);
  const clusterRoles = new Informer(store, CLUSTER_ROLES);

  function apply(actions: Action[], retryKey: string): void {
    for (const action of actions) {
      try {
        if (action.type === "create") store.create(action.ref, action.object);
        else if (action.type === "update") store.update(action.ref, action.object);
        else store.delete(action.ref, action.namespace, action.name);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 404 && action.type === "delete") continue;
        if (code === 409 || code === 404) {
          queue.add(retryKey);
          return;
        }
        log(
          `${retryKey}: ${action.type} ${action.type === "delete" ? action.name : action.object.metadata.name}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return;
      }
    }
  }

  function process(k: string): void {
    const [kind, ns = "", name = ""] = k.split("|") as [Kind, string, string];
    if (kind === "deploy") {
      const deployment = deployments.get(ns, name);
      if (!deployment) return;
      const owned = replicaSets.ownedBy(deployment.metadata.uid).filter((rs) => isOwnedBy(rs, deployment));
      apply(reconcileDeployment({ deployment, replicaSets: owned, now: now() }), k);
    } else if (kind === "rs") {
      const replicaSet = replicaSets.get(ns, name);
      if (!replicaSet) return;
      const owned = pods.ownedBy(replicaSet.metadata.uid);
      const reserved = new Set<string>();
      const takenNames = {
        has: (n: string) => reserved.has(n) || pods.get(ns, n) !== undefined,
        add: (n: string) => reserved.add(n),
      };
      apply(reconcileReplicaSet({ replicaSet, pods: owned, random, takenNames }), k);
    } else if (kind === "pod") {
      const pod = pods.get(ns, name);
      if (!pod || statusOf(pod).podIP) return;
      const ip = ips.allocate();
      const started = startPod(pod, ip, now());
      if (started) apply([{ type: "update", ref: REFS.pods, object: started }], k);
      else ips.release(ip);
    } else if (kind === "ep") {
      const service = services.get(ns, name);
      const existing = endpoints.get(ns, name);
      apply(reconcileEndpoints(service, existing, service ? pods.list(ns) : [], ns, name), k);
    } else if (kind === "ns") {
      const namespace = namespaces.get(undefined, name);
      if (!namespace) return;
      apply(rollOnInjectionChange(namespace, deployments.list(name), pods.list(name), now()), k);
    } else if (kind === "cr") {
      const role = clusterRoles.get(undefined, name);
      if (role) apply(aggregateClusterRole(role, clusterRoles.list()), k);
    }
  }

  function servicesSelecting(pod: KubeObject): string[] {
    return services
      .list(pod.metadata.namespace ?? "")
      .filter((s) => matchesSelector(pod.metadata.labels, specOf(s).selector as Record<string, string> | undefined))
      .map((s) => s.metadata.name ?? "");
  }

  function onPod(event: WatchEvent): void {
    const pod = event.object;
    const ns = pod.metadata.namespace;
    const ip = statusOf(pod).podIP as string | undefined;
    if (event.type === "DELETED") {
      if (ip) ips.release(ip);
    } else {
      if (ip) ips.markUsed(ip);
      queue.add(key("pod", ns, pod.metadata.name ?? ""));
    }
    const owner = controllerOf(pod);
    if (owner?.kind === "ReplicaSet") queue.add(key("rs", ns, owner.name));
    for (const svc of servicesSelecting(pod)) queue.add(key("ep", ns, svc));
  }

  function onReplicaSet(event: WatchEvent): void {
    const rs = event.object;
    if (event.type !== "DELETED") queue.add(key("rs", rs.metadata.namespace, rs.metadata.name ?? ""));
    const owner = controllerOf(rs);
    if (owner?.kind === "Deployment") queue.add(key("deploy", rs.metadata.namespace, owner.name));
  }

  function onNamespace(event: WatchEvent): void {
    const name = event.object.metadata.name ?? "";
    if (event.type === "DELETED") {
      namespaceLabels.delete(name);
      return;
    }
    const labels = injectionLabels(event.object);
    const before = namespaceLabels.get(name);
    namespaceLabels.set(name, labels);
    if (before !== undefined && before !== labels) queue.add(key("ns", undefined, name));
  }

  /** Any ClusterRole's change may change what an aggregated one collects: look at them all again. */
  function queueAggregatedRoles(): void {
    for (const role of clusterRoles.list())
      if (aggregationRuleOf(role)) queue.add(key("cr", undefined, role.metadata.name ?? ""));
  }

  const informers = [deployments, replicaSets, pods, services, endpoints, namespaces, clusterRoles];
  // Lists then watches each resource; what already exists (a store restored from disk) gets one look.
  for (const ns of namespaces.start(onNamespace)) namespaceLabels.set(ns.metadata.name ?? "", injectionLabels(ns));
  for (const pod of pods.start(onPod)) {
    const ip = statusOf(pod).podIP as string | undefined;
    if (ip) ips.markUsed(ip);
    else queue.add(key("pod", pod.metadata.namespace, pod.metadata.name ?? ""));
  }
  for (const d of deployments.start(
    (e) => e.type !== "DELETED" && queue.add(key("deploy", e.object.metadata.namespace, e.object.metadata.name ?? "")),
  )) {
    queue.add(key("deploy", d.metadata.namespace, d.metadata.name ?? ""));
  }
  for (const rs of replicaSets.start(onReplicaSet)) queue.add(key("rs", rs.metadata.namespace, rs.metadata.name ?? ""));
  for (const s of services.start((e) =>
    queue.add(key("ep", e.object.metadata.namespace, e.object.metadata.name ?? "")),
  ))
    queue.add(key("ep", s.metadata.namespace, s.metadata.name ?? ""));
  endpoints.start(() => undefined);
  clusterRoles.start(queueAggregatedRoles);
  queueAggregatedRoles();

  return {
    stop() {
      for (const informer of informers) informer.stop();
      queue.stop();
    },
    whenIdle: () => queue.whenIdle(),
  };
}
