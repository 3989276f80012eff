/**
 * Whether a version of an object the watcher observed is a change made outside Topsail: a
 * pure function of the observation and the object's audit entries, never of timing.
 *
 *  1. A version an `applied` entry answered (its resourceVersion) is already in the log:
 *     Topsail's own write, or an external change recorded before.
 *  2. While an entry of the object is `pending`, a write is in flight whose outcome decides
 *     (1): the judgement waits for that outcome. A `failed` entry never makes a version ours.
 *  3. A delete is Topsail's own when the object's newest entry that did not fail is an
 *     applied delete (its `after` is null): the write that removed it.
 *  4. A version whose audited content equals the version before it (seen by the watcher, or
 *     else the last one the log recorded) changed nothing audited: a status update, or a
 *     Namespace label that is no injection setting. At start, an object the log has never
 *     recorded predates the log and is not recorded either.
 *  5. Anything else is external; its `before` is the version before it.
 *
 * Entries recorded on another cluster (their clusterId differs) are no evidence about this one.
 * `outcomeOfStaleIntent` resolves a pending entry nobody will resolve (its console died) by
 * comparing the live object with the entry's intended `after`.
 */
import "server-only";
import type { AuditAction } from "@/lib/contracts/audit";
import type { AuditEntry, AuditObject, AuditOutcome } from "@/server/adapters/db/audit-entries";
import type { AuditedKind } from "./audited-kinds";

export type ObservedType = "ADDED" | "MODIFIED" | "DELETED";

export interface ObservedVersion {
  type: ObservedType;
  resourceVersion: string;
  /** The object at this version, as the audit log records it (audited-kinds.ts). */
  recorded: AuditObject;
  /** The version the watcher saw before this one, as recorded; undefined when it saw none. */
  previous: AuditObject | undefined;
  /** Found by the watcher's first list when it started, rather than seen happening. */
  atStart: boolean;
}

export type Verdict =
  | { verdict: "recorded"; entryId: string }
  | { verdict: "wait"; pending: AuditEntry[] }
  | { verdict: "unchanged" }
  | { verdict: "external"; action: AuditAction; before: AuditObject | null; after: AuditObject | null };

export interface JudgeContext {
  kind: Pick<AuditedKind, "wholeObject" | "sameContent" | "absent">;
  /** The cluster being watched (its kube-system UID); null when unknown. */
  clusterId: string | null;
}

/**
 * Rule 4's cheap half, which needs no entries: the version
 * before it, seen by the watcher, has the same audited content.
 */
export function changesNothingAudited(observed: ObservedVersion, kind: Pick<AuditedKind, "sameContent">): boolean {
  return (
    observed.type !== "DELETED" &&
    observed.previous !== undefined &&
    kind.sameContent(observed.previous, observed.recorded)
  );
}

/**
 * `entries`: the object's audit entries, any order; at least the
 * pending ones, the one with this resourceVersion, and the newest few.
 */
export function judgeObservedVersion(observed: ObservedVersion, entries: AuditEntry[], context: JudgeContext): Verdict {
  const { kind } = context;
  if (changesNothingAudited(observed, kind)) return { verdict: "unchanged" };
  const relevant = entries
    .filter((e) => e.clusterId === null || context.clusterId === null || e.clusterId === context.clusterId)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));

  if (observed.type !== "DELETED") {
    const answered = relevant.find((e) => e.status === "applied" && e.resourceVersion === observed.resourceVersion);
    if (answered) return { verdict: "recorded", entryId: answered.id };
  }
  const pending = relevant.filter((e) => e.status === "pending");
  if (pending.length > 0) return { verdict: "wait", pending };

  const lastApplied = relevant.find((e) => e.status === "applied");
  if (observed.type === "DELETED") {
    // Deleting a Namespace or Deployment is no change of an injection setting.
    if (!kind.wholeObject) return { verdict: "unchanged" };
    if (lastApplied && lastApplied.after === null) return { verdict: "recorded", entryId: lastApplied.id };
    return { verdict: "external", action: "delete", before: observed.previous ?? observed.recorded, after: null };
  }

  const known = observed.previous ?? (lastApplied ? lastApplied.after : undefined);
  if (known === undefined && observed.atStart) return { verdict: "unchanged" };
  const before = known ?? kind.absent;
  if (before !== null && kind.sameContent(before, observed.recorded)) return { verdict: "unchanged" };
  const action: AuditAction = kind.wholeObject && before === null ? "create" : "update";
  return { verdict: "external", action, before, after: observed.recorded };
}

/** The live object, as the audit log records it, for resolving a stale intent. */
export interface LiveVersion {
  resourceVersion: string;
  recorded: AuditObject;
}

/**
 * The outcome of a pending entry whose console will not resolve it: applied (at the live
 * resourceVersion) when the live object holds the intended change, else failed with `reason`.
 */
export function outcomeOfStaleIntent(
  entry: AuditEntry,
  live: LiveVersion | undefined,
  kind: Pick<AuditedKind, "wholeObject" | "sameContent">,
  reason: string,
): AuditOutcome {
  if (entry.after === null)
    return live ? { status: "failed", error: reason } : { status: "applied", after: null, resourceVersion: null };
  if (!live || !kind.sameContent(entry.after, live.recorded)) return { status: "failed", error: reason };
  // Injection entries keep the keys they set; Istio entries take the object the server holds.
  return {
    status: "applied",
    after: kind.wholeObject ? live.recorded : entry.after,
    resourceVersion: live.resourceVersion,
  };
}
