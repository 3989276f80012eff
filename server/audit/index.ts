/** The audit log wired to the database and the cluster; routes call these. */
import "server-only";
import type {
  AuditEntryDetail,
  AuditList,
  AuditListQuery,
  RollbackPreview,
  RollbackResult,
} from "@/lib/contracts/audit";
import { getAuditEntry, listRecordedKinds } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection, requireSameCluster } from "@/server/adapters/kube";
import { filterRecorded, viewerVisibility } from "@/server/auth/namespace-visibility";
import { actorOfViewer, getWriteConnection } from "@/server/auth/viewer-connection";
import { TopsailError } from "@/server/errors";
import { createIstioWriteDeps } from "@/server/istio-config";
import { getAuditEntryDetail, groupByKinds, listAuditHistory } from "./audit-history";
import { readAuditedObject } from "./read-audited-object";
import { previewRollback, rollbackToEntry, type RollbackDeps, type RollbackInput } from "./rollback";

/**
 * Entries of namespaces the viewer may not see, or of objects they may not list there (issue 16's rule, as kubectl
 * would answer them: `recordedObjectResource`), do not exist for them: the list leaves them out (in the database query,
 * so a page stays full) and their detail and rollback answer 404.
 */
export async function listAuditHistoryLive(query: AuditListQuery): Promise<AuditList> {
  const visibility = viewerVisibility();
  if (visibility.everything) return listAuditHistory(getDb(), query);
  // Asked per kind the log holds in each namespace, not per kind there is: a handful of questions, cached per viewer.
  const readable = await filterRecorded(
    visibility,
    await listRecordedKinds(getDb(), query.namespaces),
    (r) => r.namespace,
    (r) => r.kind,
  );
  return listAuditHistory(getDb(), query, groupByKinds(readable));
}

async function requireVisibleEntry(id: string): Promise<void> {
  const visibility = viewerVisibility();
  if (visibility.everything) return;
  const entry = await getAuditEntry(getDb(), id);
  if (!entry) return;
  const readable = await filterRecorded(
    visibility,
    [entry],
    (e) => e.namespace,
    (e) => e.kind,
  );
  if (readable.length === 0) throw new TopsailError("not_found", `There is no audit entry ${id}.`);
}

export async function getAuditEntryDetailLive(id: string): Promise<AuditEntryDetail> {
  await requireVisibleEntry(id);
  const connection = getKubeConnection();
  return getAuditEntryDetail({ db: getDb(), readLive: (ref) => readAuditedObject(connection, ref) }, id);
}

/**
 * The rollback is a write (and its preview a dry-run write): made as the viewer, so the API server decides whether they
 * may.
 */
async function rollbackDeps(id: string): Promise<RollbackDeps> {
  const connection = getWriteConnection();
  await requireVisibleEntry(id);
  const db = getDb();
  const { actor, actorGroups } = actorOfViewer(connection);
  return {
    getEntry: (entryId) => getAuditEntry(db, entryId),
    requireSameCluster: (clusterId, what) => requireSameCluster(connection, clusterId, what),
    write: createIstioWriteDeps(connection, db, actorGroups),
    actor,
  };
}

export async function previewRollbackLive(input: RollbackInput): Promise<RollbackPreview> {
  return previewRollback(await rollbackDeps(input.id), input);
}

export async function rollbackToEntryLive(input: RollbackInput): Promise<RollbackResult> {
  return rollbackToEntry(await rollbackDeps(input.id), input);
}
