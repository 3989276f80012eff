/** The audit log wired to the database and the cluster; routes call these. */
import "server-only";
import type {
  AuditEntryDetail,
  AuditList,
  AuditListQuery,
  RollbackPreview,
  RollbackResult,
} from "@/lib/contracts/audit";
import { getAuditEntry } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection, listNamespaces, requireSameCluster } from "@/server/adapters/kube";
import { viewerVisibility } from "@/server/auth/namespace-visibility";
import { actorOfViewer, getWriteConnection } from "@/server/auth/viewer-connection";
import { TopsailError } from "@/server/errors";
import { createIstioWriteDeps } from "@/server/istio-config";
import { getAuditEntryDetail, listAuditHistory } from "./audit-history";
import { readAuditedObject } from "./read-audited-object";
import { previewRollback, rollbackToEntry, type RollbackDeps, type RollbackInput } from "./rollback";

/**
 * Entries of namespaces the viewer may not see do not exist for them: the list leaves them
 * out (in the database query, so a page stays full) and their detail and rollback answer 404.
 */
export async function listAuditHistoryLive(query: AuditListQuery): Promise<AuditList> {
  const visibility = viewerVisibility();
  if (visibility.everything) return listAuditHistory(getDb(), query);
  const namespaces = (await listNamespaces(getKubeConnection())).map((n) => n.name);
  return listAuditHistory(getDb(), query, await visibility.filter(namespaces, (n) => n));
}

async function requireVisibleEntry(id: string): Promise<void> {
  const visibility = viewerVisibility();
  if (visibility.everything) return;
  const entry = await getAuditEntry(getDb(), id);
  if (entry && !(await visibility.canSee(entry.namespace)))
    throw new TopsailError("not_found", `There is no audit entry ${id}.`);
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
