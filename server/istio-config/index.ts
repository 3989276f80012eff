/**
 * The write path wired to the cluster, the validation engine and the audit log. Routes call
 * these; everything they do is explained in apply-istio-changes.ts.
 */
import "server-only";
import { getDb } from "@/server/adapters/db/client";
import { recordAuditIntent, resolveAuditIntent, type AuditEntriesDb } from "@/server/adapters/db/audit-entries";
import { getKubeConnection, readClusterId, type KubeConnection } from "@/server/adapters/kube";
import {
  createIstioObject,
  deleteIstioObject,
  getIstioObject,
  replaceIstioObject,
} from "@/server/adapters/kube/istio-objects";
import { listMeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import { createValidationContext, validateObject } from "@/server/validation";
import {
  applyIstioChanges,
  previewIstioChanges,
  type IstioChangeRequest,
  type IstioWriteDeps,
} from "./apply-istio-changes";
import type { AuditIntentDeps } from "./audit-intents";
import { overlayDesiredObjects } from "./overlay-desired-objects";

/**
 * Intents and outcomes in the audit log, stamped with the cluster `connection` reaches. `db`
 * defaults to the console's database, opened on first use so that a database that cannot be
 * opened is the intent's `database` error (nothing written), not a failure before the plan.
 */
export function createAuditIntentDeps(connection: KubeConnection, db?: AuditEntriesDb): AuditIntentDeps {
  const database = () => db ?? getDb();
  return {
    cluster: async () => ({ clusterId: await readClusterId(connection), kubeContext: connection.context }),
    recordIntent: (intent) => recordAuditIntent(database(), intent),
    async resolveIntent(id, outcome) {
      await resolveAuditIntent(database(), id, outcome);
    },
    log: (message, error) => console.error(`[audit] ${message}`, error ?? ""),
  };
}

export function createIstioWriteDeps(connection: KubeConnection, db?: AuditEntriesDb): IstioWriteDeps {
  return {
    ...createAuditIntentDeps(connection, db),
    get: (ref) => getIstioObject(connection, ref),
    create: (object, options) => createIstioObject(connection, object, options),
    replace: (object, options) => replaceIstioObject(connection, object, options),
    remove: (ref, options) => deleteIstioObject(connection, ref, options),
    async validate(desired) {
      const inventory = await listMeshInventory(connection);
      const context = createValidationContext(overlayDesiredObjects(inventory, desired));
      return desired.map((object) => validateObject(object, context));
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
  return applyIstioChanges(createIstioWriteDeps(connection), {
    ...request,
    actor: request.actor ?? actorOf(connection),
  });
}

export function previewIstioChangesLive(request: WriteRequest) {
  const connection = getKubeConnection();
  return previewIstioChanges(createIstioWriteDeps(connection), {
    ...request,
    actor: request.actor ?? actorOf(connection),
  });
}

export type { IstioChange } from "./plan-istio-changes";
export type { ChangeOutcome, ChangePreview, IstioChangeRequest } from "./apply-istio-changes";
export type { AuditIntentDeps } from "./audit-intents";
