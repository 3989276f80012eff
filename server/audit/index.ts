/** The audit log wired to the database and the cluster; routes call these. */
import "server-only";
import type { AuditEntryDetail, AuditList, AuditListQuery, RollbackResult } from "@/lib/contracts/audit";
import { recordAuditEntry } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection } from "@/server/adapters/kube";
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
  // The write path records create/update/delete; a rollback is logged as what it is.
  const write = { ...createIstioWriteDeps(connection), recordAudit: (entry: Parameters<typeof recordAuditEntry>[1]) => recordAuditEntry(db, { ...entry, action: "rollback" }) };
  return rollbackToEntry({ db, write, actor: actorOf(connection) }, input);
}
