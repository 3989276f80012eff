/**
 * The changes of a window, for the charts' markers and a namespace's "what changed" list:
 * the audit log's applied entries of the window (a failed or still pending write changed
 * nothing), filed in the namespace — and, for a target, in the mesh's root namespace too,
 * where mesh-wide policies live — kept when they touch the target (touches.ts).
 *
 * Bounded work: one read of at most `readLimit` entries (objects included: deciding whether a
 * change touches a service needs its before and after), newest first; a window holding more
 * says `truncated`. Entries recorded on another cluster are left out: they are no change of
 * this one (docs/ARCHITECTURE.md "Identity"); entries from before clusters were recorded
 * (no cluster id) are kept.
 *
 * Limit: a VirtualService in another namespace that routes to the target is not read.
 */
import "server-only";
import type { ChangeList, ChangesQuery } from "@/lib/contracts/changes";
import type { AuditEntry, AuditEntryFilter } from "@/server/adapters/db/audit-entries";
import { TopsailError } from "@/server/errors";
import { toSummary } from "@/server/audit/audit-history";
import { resolveChangeTarget, type Registry } from "./change-target";
import { touchReasons, type MeshNames } from "./touches";

export const readLimit = 500;

export interface ListChangesDeps {
  listEntries(filter: AuditEntryFilter): Promise<AuditEntry[]>;
  /** The services and workloads of the cluster, and the mesh's names (only read for a target). */
  loadRegistry(): Promise<Registry & MeshNames>;
  clusterId(): Promise<string>;
  /** Whether the viewer may see a namespace's entries (the root namespace's, for a target). */
  canSee(namespace: string): Promise<boolean>;
}

export async function listChanges(deps: ListChangesDeps, namespace: string, query: ChangesQuery): Promise<ChangeList> {
  const registry = query.target ? await deps.loadRegistry() : undefined;
  const target = query.target && registry ? resolveChangeTarget(namespace, query.target, registry) : undefined;
  if (query.target && !target)
    throw new TopsailError(
      "not_found",
      `There is no ${query.target.kind} ${query.target.name} in namespace ${namespace}.`,
    );
  const namespaces = [namespace];
  if (registry && registry.rootNamespace !== namespace && (await deps.canSee(registry.rootNamespace)))
    namespaces.push(registry.rootNamespace);
  const [entries, clusterId] = await Promise.all([
    deps.listEntries({
      namespaceIn: namespaces,
      status: "applied",
      since: query.from,
      until: query.to,
      limit: readLimit,
    }),
    deps.clusterId(),
  ]);
  const changes = entries
    .filter((e) => e.clusterId === null || e.clusterId === clusterId)
    .map((entry) => ({ entry, reasons: target && registry ? touchReasons(entry, target, registry) : [] }))
    .filter(({ reasons }) => !target || reasons.length > 0)
    .map(({ entry, reasons }) => ({
      ...toSummary({ ...entry, hasBefore: entry.before !== null, hasAfter: entry.after !== null }),
      reasons,
    }));
  return {
    namespace,
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    target: query.target,
    changes,
    truncated: entries.length >= readLimit,
  };
}
