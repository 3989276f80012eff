/**
 * The external-change watcher: keeps the audit history complete by recording changes to
 * VirtualServices and DestinationRules that did not go through Topsail (kubectl, GitOps,
 * another console) as `source: "external"` entries with before and after.
 *
 * How it tells Topsail's own writes apart: the write path records every write it makes with
 * the object the API server answered, resourceVersion included. So for each watch event the
 * watcher waits a moment (the write path records right after writing), then looks at the
 * object's recent audit entries: an entry whose `after` has the event's resourceVersion is
 * Topsail's own write; an event whose content (spec, labels, annotations) equals the last
 * audited `after` changed nothing a user cares about (a status update). Anything else is
 * external. Its `before` is the version the watcher saw last (or the last audited one).
 *
 * At start, and after every dropped watch, it lists the objects and compares each with its
 * last audited `after`, so changes made while Topsail was not watching are recorded too.
 * Objects Topsail never audited are not recorded at start: they simply predate the history.
 */
import "server-only";
import { CustomObjectsApi, Watch } from "@kubernetes/client-node";
import { findIstioKind } from "@/lib/istio/kinds";
import { listAuditEntries, recordAuditEntry, type AuditEntriesDb, type AuditEntry } from "@/server/adapters/db/audit-entries";
import type { KubeConnection } from "@/server/adapters/kube";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { sameContent } from "@/server/istio-config/plan-istio-changes";

export interface ExternalChangeWatcherOptions {
  connection: KubeConnection;
  db: AuditEntriesDb;
  kinds?: string[];
  /** How long to let the write path record its own entry before judging an event; default 1500 ms. */
  settleMs?: number;
  /** Pause before re-listing after a dropped watch; default 2000 ms. */
  retryMs?: number;
  log?: (message: string) => void;
}

export interface ExternalChangeWatcher {
  /** Resolves once every kind has been listed and is being watched. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export const EXTERNAL_ACTOR = "outside Topsail";

type EventType = "ADDED" | "MODIFIED" | "DELETED";

const keyOf = (o: { kind: string; metadata: { namespace: string; name: string } }) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
const rvOf = (o: Record<string, unknown> | null | undefined) => (o?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function asObject(raw: unknown, kind: string): StoredIstioObject | undefined {
  const o = raw as StoredIstioObject | undefined;
  if (!o?.metadata?.name || !o.metadata.namespace) return undefined;
  return { ...o, kind };
}

/** Decides whether one observed version is an external change, and records it if so. */
export async function judgeEvent(
  db: AuditEntriesDb,
  event: { type: EventType; object: StoredIstioObject; previous: StoredIstioObject | undefined },
  settleMs: number,
): Promise<AuditEntry | undefined> {
  const { object, previous, type } = event;
  const ref = { kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name };
  const recent = () => listAuditEntries(db, { ...ref, limit: 20 });
  const isOurs = (entries: AuditEntry[]) =>
    type === "DELETED" ? entries[0] !== undefined && entries[0].after === null : entries.some((e) => rvOf(e.after) === object.metadata.resourceVersion);

  let entries = await recent();
  // A write in flight records its entry just after the API server answers: look once more.
  if (!isOurs(entries) && settleMs > 0) {
    await sleep(settleMs);
    entries = await recent();
  }
  if (isOurs(entries)) return undefined;
  const last = entries[0];
  const lastAfter = (last?.after ?? null) as StoredIstioObject | null;
  if (type !== "DELETED") {
    if (lastAfter && sameContent(lastAfter, object)) return undefined;
    if (!lastAfter && previous && sameContent(previous, object)) return undefined;
  }
  const before = type === "ADDED" && !previous ? lastAfter : (previous ?? lastAfter);
  return recordAuditEntry(db, {
    ...ref,
    actor: EXTERNAL_ACTOR,
    source: "external",
    action: type === "DELETED" ? "delete" : before ? "update" : "create",
    before: type === "DELETED" ? (previous ?? object) : before,
    after: type === "DELETED" ? null : object,
  });
}

export function startExternalChangeWatcher(options: ExternalChangeWatcherOptions): ExternalChangeWatcher {
  const { connection, db } = options;
  const settleMs = options.settleMs ?? 1500;
  const retryMs = options.retryMs ?? 2000;
  const log = options.log ?? ((m: string) => console.warn(m));
  const kinds = options.kinds ?? ["VirtualService", "DestinationRule"];
  const api = connection.kubeConfig.makeApiClient(CustomObjectsApi);
  const watch = new Watch(connection.kubeConfig);
  const seen = new Map<string, StoredIstioObject>();
  // One queue per object, so its events are judged in the order they happened.
  const queues = new Map<string, Promise<unknown>>();
  const aborts = new Set<AbortController>();
  let stopped = false;

  const enqueue = (type: EventType, object: StoredIstioObject) => {
    const key = keyOf(object);
    const previous = seen.get(key);
    if (type === "DELETED") seen.delete(key);
    else seen.set(key, object);
    const next = (queues.get(key) ?? Promise.resolve())
      .then(() => (stopped ? undefined : judgeEvent(db, { type, object, previous }, settleMs)))
      .catch((error: unknown) => log(`Audit watcher: could not record the change of ${key}: ${error instanceof Error ? error.message : String(error)}`));
    queues.set(key, next);
  };

  /** Lists a kind, records what changed since it was last seen or audited, and returns the list's resourceVersion. */
  async function relist(kind: string): Promise<string> {
    const info = findIstioKind(kind);
    if (!info) throw new Error(`unknown kind ${kind}`);
    const list = (await api.listCustomObjectForAllNamespaces({ group: info.group, version: info.version, resourcePlural: info.plural })) as { items?: unknown[]; metadata?: { resourceVersion?: string } };
    const live = new Map<string, StoredIstioObject>();
    for (const raw of list.items ?? []) {
      const object = asObject(raw, kind);
      if (object) live.set(keyOf(object), object);
    }
    for (const [key, object] of live) {
      const previous = seen.get(key);
      if (previous?.metadata.resourceVersion === object.metadata.resourceVersion) continue;
      if (previous) enqueue("MODIFIED", object);
      else {
        // Not seen in this process: compare with the history, if there is one.
        seen.set(key, object);
        const history = await listAuditEntries(db, { kind, namespace: object.metadata.namespace, name: object.metadata.name, limit: 1 });
        if (history.length > 0) {
          seen.delete(key);
          enqueue(history[0]?.after ? "MODIFIED" : "ADDED", object);
          if (history[0]?.after) seen.set(key, object);
        }
      }
    }
    for (const [key, object] of seen) if (object.kind === kind && !live.has(key)) enqueue("DELETED", object);
    return list.metadata?.resourceVersion ?? "";
  }

  async function watchKind(kind: string, onReady: () => void) {
    const info = findIstioKind(kind);
    if (!info) return;
    let announced = false;
    while (!stopped) {
      try {
        const resourceVersion = await relist(kind);
        await new Promise<void>((resolve, reject) => {
          watch
            .watch(
              `/apis/${info.group}/${info.version}/${info.plural}`,
              { resourceVersion, allowWatchBookmarks: true },
              (type, raw) => {
                if (type !== "ADDED" && type !== "MODIFIED" && type !== "DELETED") return;
                const object = asObject(raw, kind);
                if (object) enqueue(type, object);
              },
              (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
            )
            .then((abort) => {
              aborts.add(abort);
              if (!announced) {
                announced = true;
                onReady();
              }
            }, reject);
        });
      } catch (error) {
        if (!stopped) log(`Audit watcher: watching ${kind} stopped (${error instanceof Error ? error.message : String(error)}); retrying.`);
      }
      if (!stopped) await sleep(retryMs);
    }
  }

  const ready = Promise.all(kinds.map((kind) => new Promise<void>((resolve) => void watchKind(kind, resolve)))).then(() => undefined);

  return {
    ready,
    async stop() {
      stopped = true;
      for (const abort of aborts) abort.abort();
      await Promise.allSettled([...queues.values()]);
    },
  };
}
