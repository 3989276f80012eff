/**
 * The external-change watcher: keeps the audit history complete by recording changes that
 * did not go through Topsail (kubectl, GitOps, another console) as `source: "external"`
 * entries with before and after — for every kind Topsail can write (audited-kinds.ts: all
 * Istio kinds, and the sidecar-injection settings of Namespaces and Deployments).
 *
 * How it tells Topsail's own writes apart, without timing: every Topsail write records its
 * intent (`pending`) before it reaches the cluster and resolves it `applied` with the
 * resourceVersion the API server answered (docs/ARCHITECTURE.md "Writes"). The watcher judges
 * each observed version against the object's entries (judge-change.ts); while an entry of
 * the object is pending, it looks again every `pollMs` until the entry is resolved. An
 * entry pending longer than `pendingLimitMs` (default 10 minutes: longer than any write
 * takes) is taken as abandoned: a sweep resolves it by the live object (stale-intents.ts),
 * and the waiting judgement goes on from that outcome.
 *
 * At start it reads the cluster's identity (entries of another cluster are no evidence),
 * resolves the entries that a console which died mid-write left pending, then follows every
 * audited kind in the cluster cache (server/adapters/kube/cluster-cache.ts). The objects
 * held when it starts are compared with the last version the log
 * recorded, so changes made while Topsail was not watching are recorded too; objects the
 * log never recorded predate it and are not. An object's versions are judged one at a time,
 * in the order the API server sent them. A version is recorded once even when several consoles
 * watch the same cluster on one database: a unique index refuses the second entry
 * (audit-entries.ts `recordExternalChange`), which then counts as already recorded.
 */
import "server-only";
import {
  listAuditEntries,
  recordExternalChange,
  type AuditEntriesDb,
  type AuditEntry,
  type AuditObject,
} from "@/server/adapters/db/audit-entries";
import { readClusterId, type KubeConnection } from "@/server/adapters/kube";
import { clusterCacheFor, type ObjectSubscription } from "@/server/adapters/kube/cluster-cache";
import type { ObjectEvent } from "@/server/adapters/kube/watch-objects";
import { TopsailError } from "@/server/errors";
import { auditedKinds, auditRef, findAuditedKind, type AuditedKind } from "./audited-kinds";
import { changesNothingAudited, judgeObservedVersion, type ObservedVersion } from "./judge-change";
import { readAuditedObject } from "./read-audited-object";
import { CONSOLE_STOPPED, noOutcomeWithin, resolvePendingRecordedBefore, type StaleIntentDeps } from "./stale-intents";

export interface ExternalChangeWatcherOptions {
  connection: KubeConnection;
  db: AuditEntriesDb;
  /** Default: every kind in audited-kinds.ts. */
  kinds?: string[];
  /**
   * After this long without an outcome, a pending entry is resolved by the live
   * object (checked every quarter of it, at most every minute); default 10 minutes.
   */
  pendingLimitMs?: number;
  /** How often a judgement waiting on a pending entry looks at it again; default 250 ms. */
  pollMs?: number;
  /** Pause before reading the cluster's identity again while the cluster cannot be reached; default 2000 ms. */
  retryMs?: number;
  log?: (message: string) => void;
}

export interface ExternalChangeWatcher {
  /** Resolves once every kind has been listed and is being watched. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export const EXTERNAL_ACTOR = "outside Topsail";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the judgement needs of an object's entries: the pending ones, the one with this version, and the newest. */
async function entriesOf(
  db: AuditEntriesDb,
  ref: { kind: string; namespace: string; name: string },
  resourceVersion: string,
): Promise<AuditEntry[]> {
  const lists = await Promise.all([
    listAuditEntries(db, { ...ref, limit: 20 }),
    listAuditEntries(db, { ...ref, status: "pending", limit: 1000 }),
    listAuditEntries(db, { ...ref, status: "applied", resourceVersion, limit: 1 }),
  ]);
  return [...new Map(lists.flat().map((e) => [e.id, e])).values()];
}

export function startExternalChangeWatcher(options: ExternalChangeWatcherOptions): ExternalChangeWatcher {
  const { connection, db } = options;
  const pendingLimitMs = options.pendingLimitMs ?? 10 * 60_000;
  const pollMs = options.pollMs ?? 250;
  const retryMs = options.retryMs ?? 2000;
  const log = options.log ?? ((m: string) => console.warn(m));
  const kinds = (options.kinds ?? auditedKinds.map((k) => k.kind)).map((name) => {
    const kind = findAuditedKind(name);
    if (!kind)
      throw new Error(
        `The audit watcher cannot watch kind "${name}"; it watches ${auditedKinds.map((k) => k.kind).join(", ")}.`,
      );
    return kind;
  });
  const startedAt = new Date();
  // The last version seen of each object, as recorded: the `before` of its next change.
  const seen = new Map<string, AuditObject>();
  // One queue per object, so its versions are judged in the order they happened.
  const queues = new Map<string, Promise<void>>();
  const watches: ObjectSubscription[] = [];
  let stopped = false;
  let clusterId: string | null = null;
  let sweep: NodeJS.Timeout | undefined;
  // Abandoned entries are looked for a few times per limit (at most every minute), so none waits much past it.
  const sweepMs = Math.max(pollMs, Math.min(60_000, pendingLimitMs / 4));
  const stale = (): StaleIntentDeps => ({ db, clusterId, readLive: (ref) => readAuditedObject(connection, ref) });

  async function judge(
    kind: AuditedKind,
    ref: { kind: string; namespace: string; name: string },
    observed: ObservedVersion,
    observedAt: Date,
  ): Promise<void> {
    while (!stopped) {
      const verdict = judgeObservedVersion(observed, await entriesOf(db, ref, observed.resourceVersion), {
        kind,
        clusterId,
      });
      if (verdict.verdict === "wait") {
        await sleep(pollMs);
        continue;
      }
      if (verdict.verdict !== "external") return;
      // Null when the version is already recorded (by another console watching this cluster): nothing to add.
      await recordExternalChange(db, {
        ...ref,
        actor: EXTERNAL_ACTOR,
        action: verdict.action,
        before: verdict.before,
        after: verdict.after,
        // The version it recorded, so that seeing it again (a relist) records nothing more.
        resourceVersion: observed.type === "DELETED" ? null : observed.resourceVersion,
        clusterId,
        kubeContext: connection.context,
        // When the change was seen, not when a pending write let it be judged.
        createdAt: observedAt,
      });
      return;
    }
  }

  const onEvent = (kind: AuditedKind) => (event: ObjectEvent) => {
    const ref = auditRef(kind.kind, event.object);
    const key = `${ref.kind}/${ref.namespace}/${ref.name}`;
    const recorded = kind.record(event.object.object);
    const previous = seen.get(key);
    if (event.type === "DELETED") seen.delete(key);
    else seen.set(key, recorded);
    const observed: ObservedVersion = {
      type: event.type,
      resourceVersion: event.object.resourceVersion,
      recorded,
      previous,
      atStart: event.inFirstList,
    };
    // Most updates (a Deployment's status, a Namespace's other labels) change nothing audited.
    if (changesNothingAudited(observed, kind)) return;
    const observedAt = new Date();
    const next = (queues.get(key) ?? Promise.resolve())
      .then(() => judge(kind, ref, observed, observedAt))
      .catch((error: unknown) =>
        log(
          `Audit watcher: could not judge the change of ${key} (resourceVersion ${observed.resourceVersion}): ${messageOf(error)}`,
        ),
      );
    queues.set(key, next);
    void next.then(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
  };

  async function readIdentity(): Promise<void> {
    while (!stopped) {
      try {
        clusterId = await readClusterId(connection);
        return;
      } catch (error) {
        // Only an unreachable cluster is worth waiting for; without read access to kube-system
        // the watcher still works, just without telling clusters apart.
        if (!(error instanceof TopsailError && error.code === "kube_unavailable")) {
          log(
            `Audit watcher: cannot read the cluster's identity (${messageOf(error)}); entries will not be told apart by cluster.`,
          );
          return;
        }
        log(`Audit watcher: ${messageOf(error)}; retrying.`);
        await sleep(retryMs);
      }
    }
  }

  async function run(): Promise<void> {
    await readIdentity();
    if (stopped) return;
    await resolvePendingRecordedBefore(stale(), startedAt, CONSOLE_STOPPED).catch((error: unknown) =>
      // Left pending, they are resolved by the sweep below once they are pendingLimitMs old.
      log(`Audit watcher: could not resolve the entries an earlier console left pending: ${messageOf(error)}`),
    );
    if (stopped) return;
    sweep = setInterval(() => {
      void resolvePendingRecordedBefore(
        stale(),
        new Date(Date.now() - pendingLimitMs),
        noOutcomeWithin(pendingLimitMs),
      ).catch((error: unknown) =>
        log(
          `Audit watcher: could not resolve pending entries older than ${Math.round(pendingLimitMs / 1000)} s: ${messageOf(error)}`,
        ),
      );
    }, sweepMs);
    sweep.unref();
    const cache = clusterCacheFor(connection);
    for (const kind of kinds) watches.push(cache.subscribe(kind.kind, onEvent(kind)));
    await Promise.all(watches.map((w) => w.listed));
  }

  return {
    ready: run(),
    async stop() {
      stopped = true;
      if (sweep) clearInterval(sweep);
      for (const watch of watches) watch.stop();
      await Promise.allSettled([...queues.values()]);
    },
  };
}
