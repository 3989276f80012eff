/** server/sidecar-injection: the injection toggles wired to the cluster and the audit log (intent before patch). */
import "server-only";
import type { InjectionChange, InjectionResult } from "@/lib/contracts/inventory";
import type { AuditEntriesDb } from "@/server/adapters/db/audit-entries";
import { getKubeConnection, type KubeConnection } from "@/server/adapters/kube";
import {
  patchDeploymentTemplateAnnotations,
  patchNamespaceLabels,
  readDeploymentTemplateAnnotations,
  readNamespaceLabels,
} from "@/server/adapters/kube/patch-core-objects";
import { actorOf, createAuditIntentDeps } from "@/server/istio-config";
import { setInjection, type InjectionDeps, type InjectionTarget } from "./set-injection";

/** The toggles' I/O on one cluster; `db` defaults to the console's database. */
export function createInjectionDeps(connection: KubeConnection, db?: AuditEntriesDb): InjectionDeps {
  return {
    ...createAuditIntentDeps(connection, db),
    actor: actorOf(connection),
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

const liveDeps = () => createInjectionDeps(getKubeConnection());

export function setNamespaceInjection(namespace: string, change: InjectionChange): Promise<InjectionResult> {
  return setInjection(liveDeps(), { kind: "Namespace", name: namespace }, change);
}

export function setWorkloadInjection(
  namespace: string,
  workload: string,
  change: InjectionChange,
): Promise<InjectionResult> {
  const target: InjectionTarget = { kind: "Deployment", namespace, name: workload };
  return setInjection(liveDeps(), target, change);
}
