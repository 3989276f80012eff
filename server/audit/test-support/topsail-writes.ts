/**
 * Topsail's own writes for the audit integration tests, made by the console's real write
 * paths on a given cluster and database: Istio objects through `applyIstioChanges`
 * (server/istio-config), the namespace injection toggle through `setInjection`
 * (server/sidecar-injection). So the watcher is tested against exactly what the console
 * records (intent first, outcome with the API server's resourceVersion), not a copy of it.
 */
import type { AuditSource } from "@/lib/contracts/audit";
import { getAuditEntry, type AuditEntriesDb, type AuditEntry } from "@/server/adapters/db/audit-entries";
import type { KubeConnection } from "@/server/adapters/kube";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { createIstioWriteDeps } from "@/server/istio-config";
import { applyIstioChanges } from "@/server/istio-config/apply-istio-changes";
import type { IstioChange } from "@/server/istio-config/plan-istio-changes";
import { createInjectionDeps } from "@/server/sidecar-injection";
import { setInjection } from "@/server/sidecar-injection/set-injection";

export interface TopsailWriter {
  create(object: StoredIstioObject): Promise<AuditEntry>;
  replace(before: StoredIstioObject, desired: StoredIstioObject): Promise<AuditEntry>;
  remove(live: StoredIstioObject): Promise<AuditEntry>;
  /** Several changes in one request, as a wizard makes them; one entry each, in the order given. */
  applyAll(changes: IstioChange[]): Promise<AuditEntry[]>;
  /** The namespace injection toggle (label `istio-injection`) from the version the user saw. */
  setNamespaceInjection(namespace: string, enabled: boolean, resourceVersion: string): Promise<AuditEntry>;
}

const refOf = (o: StoredIstioObject) => ({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });

export function topsailWriter(
  db: AuditEntriesDb,
  connection: KubeConnection,
  who: { actor: string; source: AuditSource } = { actor: "alice", source: "editor" },
): TopsailWriter {
  const entry = async (id: string | undefined): Promise<AuditEntry> => {
    const found = id ? await getAuditEntry(db, id) : undefined;
    if (!found) throw new Error(`the write path returned no audit entry (${id ?? "no id"})`);
    return found;
  };
  const applyAll = async (changes: IstioChange[]) => {
    const outcomes = await applyIstioChanges(createIstioWriteDeps(connection, db), { changes, ...who });
    const byRef = new Map(outcomes.map((o) => [`${o.kind}/${o.namespace}/${o.name}`, o.auditId]));
    return Promise.all(changes.map((c) => entry(byRef.get(`${c.kind}/${c.namespace}/${c.name}`))));
  };
  const applyOne = async (change: IstioChange) => (await applyAll([change]))[0] as AuditEntry;
  return {
    create: (object) => applyOne({ ...refOf(object), desired: object, baseResourceVersion: null }),
    replace: (before, desired) =>
      applyOne({ ...refOf(desired), desired, baseResourceVersion: before.metadata.resourceVersion ?? null }),
    remove: (live) =>
      applyOne({ ...refOf(live), desired: null, baseResourceVersion: live.metadata.resourceVersion ?? null }),
    applyAll,
    async setNamespaceInjection(namespace, enabled, resourceVersion) {
      const result = await setInjection(
        { ...createInjectionDeps(connection, db), actor: who.actor },
        { kind: "Namespace", name: namespace },
        { enabled, resourceVersion },
      );
      return entry(result.auditId);
    },
  };
}
