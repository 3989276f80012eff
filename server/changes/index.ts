/** The changes of a window wired to the database, the cluster cache and the viewer's visibility; routes call this. */
import "server-only";
import type { Change, ChangeList, ChangesQuery, ChangeTargetKind } from "@/lib/contracts/changes";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection, readClusterId } from "@/server/adapters/kube";
import {
  filterRecorded,
  PODS,
  requireReadable,
  requireVisibleNamespace,
  SERVICES,
  viewerVisibility,
  type ReadableResource,
} from "@/server/auth/namespace-visibility";
import { loadValidationContext } from "@/server/validation";
import { listChanges } from "./list-changes";

/** A target's markers sit on its page's charts: they need what that page needs (server/inventory/index.ts). */
const TARGET_RESOURCES: Record<ChangeTargetKind, ReadableResource> = { service: SERVICES, workload: PODS, app: PODS };

/** The changes whose object the viewer may list where it lives, in their order. */
const readableChanges = (changes: readonly Change[]): Promise<Change[]> =>
  filterRecorded(
    viewerVisibility(),
    changes,
    (c) => c.namespace,
    (c) => c.kind,
  );

/**
 * 404 in a namespace the viewer may not see; for a target, 403 when they may not list what its
 * page shows; the changes of objects they may not list are left out (a window spans kinds).
 */
export async function listChangesLive(namespace: string, query: ChangesQuery): Promise<ChangeList> {
  if (query.target) await requireReadable(namespace, TARGET_RESOURCES[query.target.kind]);
  else await requireVisibleNamespace(namespace);
  const connection = getKubeConnection();
  const visibility = viewerVisibility();
  const list = await listChanges(
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
  return { ...list, changes: await readableChanges(list.changes) };
}
