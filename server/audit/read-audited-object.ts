/** An object as it is now, in the form the audit log records its kind (audited-kinds.ts). */
import "server-only";
import type { KubeConnection } from "@/server/adapters/kube";
import { clusterCacheFor } from "@/server/adapters/kube/cluster-cache";
import { TopsailError } from "@/server/errors";
import { findAuditedKind } from "./audited-kinds";
import type { LiveVersion } from "./judge-change";

export async function readAuditedObject(
  connection: KubeConnection,
  ref: { kind: string; namespace: string; name: string },
): Promise<LiveVersion | undefined> {
  const kind = findAuditedKind(ref.kind);
  if (!kind)
    throw new TopsailError(
      "bad_request",
      `Topsail does not audit objects of kind "${ref.kind}", so it cannot show one live.`,
    );
  // Entries of a Namespace carry its own name as namespace; the object itself has none.
  const observed = await clusterCacheFor(connection).get(
    kind.kind,
    kind.kind === "Namespace" ? undefined : ref.namespace,
    ref.name,
  );
  return observed ? { resourceVersion: observed.resourceVersion, recorded: kind.record(observed.object) } : undefined;
}
