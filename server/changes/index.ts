/** The changes of a window wired to the database, the cluster cache and the viewer's visibility; routes call this. */
import "server-only";
import type { ChangeList, ChangesQuery } from "@/lib/contracts/changes";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection, readClusterId } from "@/server/adapters/kube";
import { requireVisibleNamespace, viewerVisibility } from "@/server/auth/namespace-visibility";
import { loadValidationContext } from "@/server/validation";
import { listChanges } from "./list-changes";

export async function listChangesLive(namespace: string, query: ChangesQuery): Promise<ChangeList> {
  await requireVisibleNamespace(namespace);
  const connection = getKubeConnection();
  const visibility = viewerVisibility();
  return listChanges(
    {
      listEntries: (filter) => listAuditEntries(getDb(), filter),
      loadRegistry: async () => {
        const context = await loadValidationContext(connection);
        return { ...context, domain: context.mesh.domain, rootNamespace: context.mesh.rootNamespace };
      },
      clusterId: () => readClusterId(connection),
      canSee: (ns) => visibility.canSee(ns),
    },
    namespace,
    query,
  );
}
