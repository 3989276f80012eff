/**
 * The write path wired to the cluster, the validation engine and the audit log. Routes call
 * these; everything they do is explained in apply-istio-changes.ts.
 */
import "server-only";
import { getDb } from "@/server/adapters/db/client";
import { recordAuditEntry } from "@/server/adapters/db/audit-entries";
import { getKubeConnection, type KubeConnection } from "@/server/adapters/kube";
import { createIstioObject, deleteIstioObject, getIstioObject, replaceIstioObject } from "@/server/adapters/kube/istio-objects";
import { listMeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import { createValidationContext, validateObject } from "@/server/validation";
import { applyIstioChanges, previewIstioChanges, type IstioChangeRequest, type IstioWriteDeps } from "./apply-istio-changes";
import { overlayDesiredObjects } from "./overlay-desired-objects";

export function createIstioWriteDeps(connection: KubeConnection): IstioWriteDeps {
  return {
    get: (ref) => getIstioObject(connection, ref),
    create: (object, options) => createIstioObject(connection, object, options),
    replace: (object, options) => replaceIstioObject(connection, object, options),
    remove: (ref, options) => deleteIstioObject(connection, ref, options),
    async validate(desired) {
      const inventory = await listMeshInventory(connection);
      const context = createValidationContext(overlayDesiredObjects(inventory, desired));
      return desired.map((object) => validateObject(object, context));
    },
    async recordAudit(entry) {
      return recordAuditEntry(getDb(), entry);
    },
  };
}

/**
 * Who made a change, until Topsail has its own login: the Kubernetes user of the
 * kubeconfig context, which is also who the API server saw.
 */
export function actorOf(connection: KubeConnection): string {
  return connection.kubeConfig.getCurrentUser()?.name ?? connection.context;
}

export type WriteRequest = Omit<IstioChangeRequest, "actor"> & { actor?: string };

export function applyIstioChangesLive(request: WriteRequest) {
  const connection = getKubeConnection();
  return applyIstioChanges(createIstioWriteDeps(connection), { ...request, actor: request.actor ?? actorOf(connection) });
}

export function previewIstioChangesLive(request: WriteRequest) {
  const connection = getKubeConnection();
  return previewIstioChanges(createIstioWriteDeps(connection), { ...request, actor: request.actor ?? actorOf(connection) });
}

export type { IstioChange } from "./plan-istio-changes";
export type { ChangeOutcome, ChangePreview, IstioChangeRequest } from "./apply-istio-changes";
