/** server/sidecar-injection: the injection toggles wired to the cluster and the audit log (intent before patch). */
import "server-only";
import type { InjectionChange, InjectionResult } from "@/lib/contracts/inventory";
import type { AuditEntriesDb } from "@/server/adapters/db/audit-entries";
import type { KubeConnection } from "@/server/adapters/kube";
import {
  patchDeploymentTemplateAnnotations,
  patchNamespaceLabels,
  readDeploymentTemplateAnnotations,
  readNamespaceLabels,
} from "@/server/adapters/kube/patch-core-objects";
import { actorOfViewer, getWriteConnection } from "@/server/auth/viewer-connection";
import { createAuditIntentDeps } from "@/server/istio-config";
import { setInjection, type InjectionDeps, type InjectionTarget } from "./set-injection";

/**
 * The toggles' I/O on one cluster, made as the current viewer (the patches reach the API
 * server with their identity); `db` defaults to the console's database.
 */
export function createInjectionDeps(connection: KubeConnection, db?: AuditEntriesDb): InjectionDeps {
  const { actor, actorGroups } = actorOfViewer(connection);
  return {
    ...createAuditIntentDeps(connection, db, actorGroups),
    actor,
    async read(target) {
      if (target.kind === "Namespace") {
        const ns = await readNamespaceLabels(connection, target.name);
        return { values: ns.labels, resourceVersion: ns.resourceVersion };
      }
      const d = await readDeploymentTemplateAnnotations(connection, target.namespace, target.name);
      return { values: d.annotations, resourceVersion: d.resourceVersion };
    },
    patch(target, patch, resourceVersion) {
      return target.kind === "Namespace"
        ? patchNamespaceLabels(connection, target.name, patch, resourceVersion)
        : patchDeploymentTemplateAnnotations(connection, target.namespace, target.name, patch, resourceVersion);
    },
  };
}

const liveDeps = () => createInjectionDeps(getWriteConnection());

export async function setNamespaceInjection(namespace: string, change: InjectionChange): Promise<InjectionResult> {
  return setInjection(liveDeps(), { kind: "Namespace", name: namespace }, change);
}

export async function setWorkloadInjection(
  namespace: string,
  workload: string,
  change: InjectionChange,
): Promise<InjectionResult> {
  const target: InjectionTarget = { kind: "Deployment", namespace, name: workload };
  return setInjection(liveDeps(), target, change);
}
