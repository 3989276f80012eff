/**
 * Topsail's own writes exactly as the write path makes them (ARCHITECTURE.md "Writes"): the
 * intent is recorded (`pending`) before the cluster write, and resolved `applied` with the
 * resourceVersion the API server answered, or `failed`. For the audit integration tests,
 * which must not depend on a particular version of the editor's or wizard's code.
 */
import { recordAuditIntent, resolveAuditIntent, type AuditEntriesDb, type AuditEntry, type AuditSource } from "@/server/adapters/db/audit-entries";
import type { KubeConnection } from "@/server/adapters/kube";
import { createIstioObject, deleteIstioObject, replaceIstioObject, type StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { patchNamespaceLabels } from "@/server/adapters/kube/patch-core-objects";

export interface TopsailWriter {
  create(object: StoredIstioObject): Promise<AuditEntry>;
  replace(before: StoredIstioObject, desired: StoredIstioObject): Promise<AuditEntry>;
  remove(live: StoredIstioObject): Promise<AuditEntry>;
  /** The namespace injection toggle, recorded as server/sidecar-injection/set-injection.ts records it. */
  setNamespaceLabel(namespace: string, key: string, value: string, live: { labels: Record<string, string>; resourceVersion: string }): Promise<AuditEntry>;
}

const refOf = (o: StoredIstioObject) => ({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });

export function topsailWriter(db: AuditEntriesDb, connection: KubeConnection, who: { actor: string; source: AuditSource } = { actor: "alice", source: "editor" }): TopsailWriter {
  async function write(intent: Parameters<typeof recordAuditIntent>[1], act: () => Promise<{ after: object | null; resourceVersion: string | null }>): Promise<AuditEntry> {
    const entry = await recordAuditIntent(db, intent);
    try {
      return await resolveAuditIntent(db, entry.id, { status: "applied", ...(await act()) });
    } catch (error) {
      await resolveAuditIntent(db, entry.id, { status: "failed", error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }
  return {
    create: (object) =>
      write({ ...who, ...refOf(object), action: "create", before: null, after: object }, async () => {
        const created = await createIstioObject(connection, object);
        return { after: created, resourceVersion: created.metadata.resourceVersion ?? null };
      }),
    replace: (before, desired) =>
      write({ ...who, ...refOf(desired), action: "update", before, after: desired }, async () => {
        const replaced = await replaceIstioObject(connection, desired);
        return { after: replaced, resourceVersion: replaced.metadata.resourceVersion ?? null };
      }),
    remove: (live) =>
      write({ ...who, ...refOf(live), action: "delete", before: live, after: null }, async () => {
        await deleteIstioObject(connection, { ...refOf(live), resourceVersion: live.metadata.resourceVersion });
        return { after: null, resourceVersion: null };
      }),
    setNamespaceLabel: (namespace, key, value, live) =>
      write(
        {
          ...who,
          kind: "Namespace",
          namespace,
          name: namespace,
          action: "update",
          before: { "metadata.labels": { [key]: live.labels[key] ?? null } },
          after: { "metadata.labels": { [key]: value } },
        },
        async () => {
          const patched = await patchNamespaceLabels(connection, namespace, { [key]: value }, live.resourceVersion);
          return { after: { "metadata.labels": { [key]: patched.labels[key] ?? null } }, resourceVersion: patched.resourceVersion };
        },
      ),
  };
}
