/** The audit log wired to the database and the cluster; routes call these. */
import "server-only";
import type { AuditEntryDetail, AuditList, AuditListQuery, RollbackResult } from "@/lib/contracts/audit";
import { getAuditEntry } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection, requireSameCluster } from "@/server/adapters/kube";
import { actorOf, createIstioWriteDeps } from "@/server/istio-config";
import { getAuditEntryDetail, listAuditHistory } from "./audit-history";
import { readAuditedObject } from "./read-audited-object";
import { rollbackToEntry, type RollbackInput } from "./rollback";

export function listAuditHistoryLive(query: AuditListQuery): Promise<AuditList> {
  return listAuditHistory(getDb(), query);
}

export function getAuditEntryDetailLive(id: string): Promise<AuditEntryDetail> {
  const connection = getKubeConnection();
  return getAuditEntryDetail({ db: getDb(), readLive: (ref) => readAuditedObject(connection, ref) }, id);
}

export function rollbackToEntryLive(input: RollbackInput): Promise<RollbackResult> {
  const connection = getKubeConnection();
  const db = getDb();
  return rollbackToEntry(
    {
      getEntry: (id) => getAuditEntry(db, id),
      requireSameCluster: (clusterId, what) => requireSameCluster(connection, clusterId, what),
      write: createIstioWriteDeps(connection, db),
      actor: actorOf(connection),
    },
    input,
  );
}
