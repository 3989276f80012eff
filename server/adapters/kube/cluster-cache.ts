/**
 * One watched copy of the cluster objects Topsail reads, per cluster and credentials: the
 * Namespaces, Pods, Services and Deployments of every namespace, the mesh root namespace's
 * ConfigMaps, the MutatingWebhookConfigurations (istiod's sidecar injector), and every Istio
 * kind (lib/istio/kinds.ts). Each kind is kept current by one client-node informer
 * (watch-objects.ts: list, then watch, relist after 410 Gone, restart after a failure), the
 * same design as Kiali's and istiod's own caches.
 *
 * Every read of the console goes through it — pages, the write path's plan and validation,
 * the audit watcher — so no request lists the cluster, and a preview on a cluster of
 * thousands of objects costs what the objects it touches cost (bench/write-path.bench.ts).
 *
 * - A read waits for its kind's first list, at most the connection's deadline
 *   (TOPSAIL_KUBE_TIMEOUT_MS); a kind whose list failed answers with that failure (a 503
 *   `kube_unavailable` when the API cannot be reached) until a retry succeeds. Once listed,
 *   a kind keeps serving its last known objects while its watch is being restarted.
 * - An Istio kind whose CRD is not installed (the list answers 404) reads as empty.
 * - Topsail's own writes wait until the cache holds what the API server answered
 *   (`caughtUp`), so a page read right after a change shows it.
 * - The cache needs list and watch of these kinds cluster-wide under the console's own
 *   identity (README "Sign-in and access").
 */
import "server-only";
import { createHash } from "node:crypto";
import { istioKinds } from "@/lib/istio/kinds";
import { TopsailError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { KubeConfigWithDeadline } from "./load-kube-config";
import { watchObjects, type ObjectEvent, type ObservedObject, type ObjectWatch } from "./watch-objects";

export const cachedKinds = [
  "Namespace",
  "Pod",
  "Service",
  "Deployment",
  "ConfigMap",
  "MutatingWebhookConfiguration",
  ...istioKinds.map((k) => k.kind),
] as const;

/** How long a read waits for a kind's first list when the connection sets no deadline. */
const DEFAULT_WAIT_MS = 10_000;
/** How long a write waits for the watch to bring its own result before reads could miss it. */
const CATCH_UP_MS = 3_000;

export interface ObjectSubscription {
  /** Resolves once the kind's first list has been delivered. */
  listed: Promise<void>;
  stop(): void;
}

export interface ClusterCache {
  /** The objects of a kind, of one namespace or of all; Namespaces have none. */
  list(kind: string, namespace?: string): Promise<ObservedObject[]>;
  get(kind: string, namespace: string | undefined, name: string): Promise<ObservedObject | undefined>;
  /**
   * Resolves once the cache holds `resourceVersion` of the object (or a later one), or no
   * object when `resourceVersion` is undefined (deleted); false after `timeoutMs`.
   */
  caughtUp(
    ref: { kind: string; namespace: string | undefined; name: string },
    resourceVersion: string | undefined,
    timeoutMs?: number,
  ): Promise<boolean>;
  /**
   * Every event of a kind from now on. The objects already held are delivered first, at
   * once, as ADDED and `inFirstList` (they existed when the subscription started).
   */
  subscribe(kind: string, onEvent: (event: ObjectEvent) => void): ObjectSubscription;
  /** Counts the changes the cache has taken in: what is derived from it may be kept while this stays the same. */
  version(): number;
  stop(): Promise<void>;
}

/**
 * Objects are shared by every reader, so they are frozen when they arrive: a reader that
 * changed one in place would change every later read, and fails loudly instead.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ""}/${name}`;

/** etcd's resourceVersions are increasing integers; where both are, a later one also counts as caught up. */
function atLeast(held: string, wanted: string): boolean {
  if (held === wanted) return true;
  return /^\d+$/.test(held) && /^\d+$/.test(wanted) && BigInt(held) > BigInt(wanted);
}

/** One kind's objects and the state of its first list. */
class KindStore {
  readonly objects = new Map<string, ObservedObject>();
  /** The same objects by namespace, so a namespace's read does not scan the cluster. */
  private readonly byNamespace = new Map<string, Map<string, ObservedObject>>();
  readonly listeners = new Set<(event: ObjectEvent) => void>();
  synced = false;
  lastError: TopsailError | undefined;
  private waiters: { resolve(): void; reject(error: TopsailError): void }[] = [];
  private markListed: () => void = () => {};
  readonly listed = new Promise<void>((resolve) => (this.markListed = resolve));

  constructor(readonly kind: string) {}

  apply(event: ObjectEvent): void {
    const { namespace = "", name } = event.object;
    const key = keyOf(namespace, name);
    let inNamespace = this.byNamespace.get(namespace);
    if (event.type === "DELETED") {
      this.objects.delete(key);
      inNamespace?.delete(name);
      if (inNamespace?.size === 0) this.byNamespace.delete(namespace);
    } else {
      const object = deepFreeze(event.object);
      this.objects.set(key, object);
      if (!inNamespace) this.byNamespace.set(namespace, (inNamespace = new Map()));
      inNamespace.set(name, object);
    }
    for (const listener of this.listeners) listener(event);
  }

  inNamespace(namespace: string): ObservedObject[] {
    return [...(this.byNamespace.get(namespace)?.values() ?? [])];
  }

  markSynced(): void {
    this.synced = true;
    this.lastError = undefined;
    this.markListed();
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  fail(error: TopsailError): void {
    // A kind that was listed keeps serving what it holds; only an unlisted one fails reads.
    if (this.synced) return;
    this.lastError = error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  /** Resolves when listed; rejects with the list's failure, or after `waitMs` without an answer. */
  whenSynced(waitMs: number, server: string): Promise<void> {
    if (this.synced) return Promise.resolve();
    if (this.lastError) return Promise.reject(this.lastError);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new TopsailError(
            "kube_unavailable",
            `The Kubernetes API at ${server} did not answer in time (TOPSAIL_KUBE_TIMEOUT_MS): it listed no ${this.kind} objects within ${waitMs} ms; try again, or raise the deadline`,
          ),
        );
      }, waitMs);
      const waiter = {
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (error: TopsailError) => (clearTimeout(timer), reject(error)),
      };
      this.waiters.push(waiter);
    });
  }
}

function startClusterCache(connection: KubeConnection, options: { retryMs: number; maxRetryMs: number }): ClusterCache {
  const waitMs =
    connection.kubeConfig instanceof KubeConfigWithDeadline ? connection.kubeConfig.deadlineMs : DEFAULT_WAIT_MS;
  const stores = new Map<string, KindStore>();
  const watches: ObjectWatch[] = [];
  const lastLogged = new Map<string, string>();
  let changes = 0;
  for (const kind of cachedKinds) {
    const store = new KindStore(kind);
    stores.set(kind, store);
    const watch = watchObjects(
      connection,
      kind,
      {
        onEvent(event) {
          changes += 1;
          store.apply(event);
        },
        onError(error) {
          // One line per new kind of failure, not one per retry.
          if (error.message !== lastLogged.get(kind))
            console.warn(`[cluster cache] watching ${kind} objects failed (${error.message}); retrying.`);
          lastLogged.set(kind, error.message);
          // 404 on the list: this Istio kind's CRD is not installed — it has no objects.
          if (error.code === "not_found") {
            changes += 1;
            for (const object of [...store.objects.values()])
              store.apply({ type: "DELETED", object, inFirstList: false });
            store.markSynced();
          } else store.fail(error);
        },
      },
      options,
    );
    void watch.listed.then(() => {
      lastLogged.delete(kind);
      store.markSynced();
    });
    watches.push(watch);
  }

  const storeOf = (kind: string): KindStore => {
    const store = stores.get(kind);
    if (!store)
      throw new TopsailError(
        "bad_request",
        `Topsail does not keep objects of kind "${kind}"; it keeps ${cachedKinds.join(", ")}.`,
      );
    return store;
  };
  const synced = async (kind: string) => {
    const store = storeOf(kind);
    await store.whenSynced(waitMs, connection.server);
    return store;
  };

  return {
    async list(kind, namespace) {
      const store = await synced(kind);
      return namespace === undefined ? [...store.objects.values()] : store.inNamespace(namespace);
    },
    async get(kind, namespace, name) {
      return (await synced(kind)).objects.get(keyOf(namespace, name));
    },
    async caughtUp(ref, resourceVersion, timeoutMs = CATCH_UP_MS) {
      const store = storeOf(ref.kind);
      const key = keyOf(ref.namespace, ref.name);
      const holds = () => {
        const held = store.objects.get(key);
        return resourceVersion === undefined
          ? held === undefined
          : held !== undefined && atLeast(held.resourceVersion, resourceVersion);
      };
      // Not listed yet: its first list will hold the object as it is then.
      if (!store.synced) return store.whenSynced(timeoutMs, connection.server).then(holds, () => false);
      if (holds()) return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => done(false), timeoutMs);
        const listener = () => {
          if (holds()) done(true);
        };
        const done = (result: boolean) => {
          clearTimeout(timer);
          store.listeners.delete(listener);
          resolve(result);
        };
        store.listeners.add(listener);
      });
    },
    subscribe(kind, onEvent) {
      const store = storeOf(kind);
      // Delivered and registered in one synchronous step: no event falls between the two.
      for (const object of store.objects.values()) onEvent({ type: "ADDED", object, inFirstList: true });
      store.listeners.add(onEvent);
      return { listed: store.listed, stop: () => void store.listeners.delete(onEvent) };
    },
    version: () => changes,
    async stop() {
      await Promise.all(watches.map((w) => w.stop()));
    },
  };
}

/**
 * Who the cache is for: the API server and the credentials used,
 * so a restarted simulator (new certificates) gets a new cache.
 */
function identityOf(acting: KubeConnection): { context: string; fingerprint: string } {
  // A connection acting as a person reads the console's cache (kube-identity.ts).
  const connection = acting.readsThrough ?? acting;
  const cluster = connection.kubeConfig.getCurrentCluster();
  const user = connection.kubeConfig.getCurrentUser();
  const fingerprint = createHash("sha256")
    .update(JSON.stringify({ server: connection.server, cluster, user }))
    .digest("hex");
  return { context: `${connection.context}|${connection.server}`, fingerprint };
}

// On globalThis so a dev reload of this module does not start a second set of watches.
const globals = globalThis as typeof globalThis & {
  __topsailClusterCaches?: Map<string, { fingerprint: string; cache: ClusterCache }>;
};
const caches = (globals.__topsailClusterCaches ??= new Map());

/**
 * The cache for a connection's cluster and credentials, started on first use. A context whose
 * credentials changed since (a restarted simulator) gets a new one, and the old one stops.
 * `retryMs`: the pause before a failed watch starts again, doubling up to ten seconds, so a
 * cluster that comes back is read again within seconds.
 */
export function clusterCacheFor(
  connection: KubeConnection,
  options: { retryMs: number } = { retryMs: 1000 },
): ClusterCache {
  const { context, fingerprint } = identityOf(connection);
  const held = caches.get(context);
  if (held?.fingerprint === fingerprint) return held.cache;
  if (held) void held.cache.stop();
  const cache = startClusterCache(connection.readsThrough ?? connection, {
    retryMs: options.retryMs,
    maxRetryMs: 10_000,
  });
  caches.set(context, { fingerprint, cache });
  return cache;
}

/** The cache of this connection if one runs (writes use it to wait for their own results, without starting one). */
export function runningClusterCache(connection: KubeConnection): ClusterCache | undefined {
  const { context, fingerprint } = identityOf(connection);
  const held = caches.get(context);
  return held?.fingerprint === fingerprint ? held.cache : undefined;
}

/** Stops every cache's watches: for tests and scripts that end while a console module ran in-process. */
export async function stopClusterCaches(): Promise<void> {
  const all = [...caches.values()];
  caches.clear();
  await Promise.all(all.map((held) => held.cache.stop()));
}
