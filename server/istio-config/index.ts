/**
 * The write path wired to the cluster, the validation engine and the audit log. Routes call
 * these; everything they do is explained in apply-istio-changes.ts.
 */
import "server-only";
import { getDb } from "@/server/adapters/db/client";
import { recordAuditIntent, resolveAuditIntent, type AuditEntriesDb } from "@/server/adapters/db/audit-entries";
import { readClusterId, type KubeConnection } from "@/server/adapters/kube";
import {
  createIstioObject,
  deleteIstioObject,
  getIstioObject,
  replaceIstioObject,
} from "@/server/adapters/kube/istio-objects";
import { listMeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import { actorOfViewer, getWriteConnection } from "@/server/auth/viewer-connection";
import { createValidationContext, validateObject } from "@/server/validation";
import {
  applyIstioChanges,
  previewIstioChanges,
  type IstioChangeRequest,
  type IstioWriteDeps,
} from "./apply-istio-changes";
import type { AuditIntentDeps } from "./audit-intents";
import { overlayDesiredObjects } from "./overlay-desired-objects";
import { newRouteRisks } from "./route-risks";

/**
 * Intents and outcomes in the audit log, stamped with the cluster `connection` reaches. `db`
 * defaults to the console's database, opened on first use so that a database that cannot be
 * opened is the intent's `database` error (nothing written), not a failure before the plan.
 * `actorGroups`: the signed-in actor's groups, stored beside the request's actor.
 */
export function createAuditIntentDeps(
  connection: KubeConnection,
  db?: AuditEntriesDb,
  actorGroups: readonly string[] = [],
): AuditIntentDeps {
  const database = () => db ?? getDb();
  return {
    cluster: async () => ({ clusterId: await readClusterId(connection), kubeContext: connection.context }),
    recordIntent: (intent) => recordAuditIntent(database(), { ...intent, actorGroups }),
    async resolveIntent(id, outcome) {
      await resolveAuditIntent(database(), id, outcome);
    },
    log: (message, error) => console.error(`[audit] ${message}`, error ?? ""),
  };
}

export function createIstioWriteDeps(
  connection: KubeConnection,
  db?: AuditEntriesDb,
  actorGroups: readonly string[] = [],
): IstioWriteDeps {
  return {
    ...createAuditIntentDeps(connection, db, actorGroups),
    get: (ref) => getIstioObject(connection, ref),
    create: (object, options) => createIstioObject(connection, object, options),
    replace: (object, options) => replaceIstioObject(connection, object, options),
    remove: (ref, options) => deleteIstioObject(connection, ref, options),
    async validate(desired) {
      const inventory = await listMeshInventory(connection);
      const context = createValidationContext(overlayDesiredObjects(inventory, desired));
      return desired.map((object) => validateObject(object, context));
    },
    async routeRisks(desired, removed) {
      const inventory = await listMeshInventory(connection);
      const after = createValidationContext(overlayDesiredObjects(inventory, desired, removed));
      return newRouteRisks(createValidationContext(inventory), after);
    },
  };
}

/**
 * Who made a change: the signed-in viewer, or with no sign-in (the anonymous strategy, the
 * experiment runner) the Kubernetes user of the kubeconfig context, who the API server saw.
 */
export function actorOf(connection: KubeConnection): string {
  return actorOfViewer(connection).actor;
}

export type WriteRequest = Omit<IstioChangeRequest, "actor"> & { actor?: string };

/**
 * Changes (and their dry-run previews) are made as the current viewer (server/auth/viewer-connection.ts),
 * so the API server applies the viewer's RBAC: a refusal is its 403, passed through with its
 * message, and the intent is resolved `failed`.
 */
export async function applyIstioChangesLive(request: WriteRequest) {
  const connection = getWriteConnection();
  const { actor, actorGroups } = actorOfViewer(connection);
  return applyIstioChanges(createIstioWriteDeps(connection, undefined, actorGroups), {
    ...request,
    actor: request.actor ?? actor,
  });
}

export async function previewIstioChangesLive(request: WriteRequest) {
  const connection = getWriteConnection();
  const { actor, actorGroups } = actorOfViewer(connection);
  return previewIstioChanges(createIstioWriteDeps(connection, undefined, actorGroups), {
    ...request,
    actor: request.actor ?? actor,
  });
}

export type { IstioChange } from "./plan-istio-changes";
export type { ChangeOutcome, ChangePreview, IstioChangeRequest } from "./apply-istio-changes";
export type { AuditIntentDeps } from "./audit-intents";
