/**
 * The one path every HTTP write takes: namespace check → admission (mutation, validation,
 * istiod's webhook) → store, with dryRun=All stopping short of the store. Warnings from
 * admission travel back to the client as `Warning` headers.
 */
import type { KubeObject } from "../store/types";
import type { ResourceDef } from "../store/resource-registry";
import { runAdmission } from "../store/admitted-store";
import { namespaceNotFound } from "./status-error";
import type { ApiServerDeps, WriteOptions } from "./request-context";

export interface WriteResult {
  object: KubeObject;
  warnings: string[];
}

function requireNamespace(deps: ApiServerDeps, def: ResourceDef, namespace: string | undefined): void {
  if (!def.namespaced || !namespace) return;
  if (!deps.memory.getShared({ group: "", resource: "namespaces" }, undefined, namespace))
    throw namespaceNotFound(namespace);
}

export function createThroughPipeline(
  deps: ApiServerDeps,
  def: ResourceDef,
  object: KubeObject,
  options: WriteOptions,
): WriteResult {
  requireNamespace(deps, def, object.metadata.namespace);
  const admitted = runAdmission(deps.admit, deps.memory, def, "CREATE", object, undefined, options.fieldValidation);
  return { object: deps.memory.create(def, admitted.object, { dryRun: options.dryRun }), warnings: admitted.warnings };
}

export function updateThroughPipeline(
  deps: ApiServerDeps,
  def: ResourceDef,
  object: KubeObject,
  old: KubeObject,
  options: WriteOptions,
): WriteResult {
  const admitted = runAdmission(deps.admit, deps.memory, def, "UPDATE", object, old, options.fieldValidation);
  return { object: deps.memory.update(def, admitted.object, { dryRun: options.dryRun }), warnings: admitted.warnings };
}

export function deleteThroughPipeline(
  deps: ApiServerDeps,
  def: ResourceDef,
  old: KubeObject,
  dryRun: boolean,
): WriteResult {
  const admitted = runAdmission(deps.admit, deps.memory, def, "DELETE", old, old);
  return {
    object: deps.memory.delete(def, old.metadata.namespace, old.metadata.name ?? "", { dryRun }),
    warnings: admitted.warnings,
  };
}

/** What a write to the main resource or to a subresource may change: status goes only through /status. */
export function scopeToSubresource(
  def: ResourceDef,
  subresource: string | undefined,
  incoming: KubeObject,
  current: KubeObject,
): KubeObject {
  if (subresource === "status") {
    const status = incoming.status;
    const scoped: KubeObject = {
      ...current,
      metadata: {
        ...current.metadata,
        resourceVersion: incoming.metadata.resourceVersion ?? current.metadata.resourceVersion,
      },
    };
    if (status === undefined) delete scoped.status;
    else scoped.status = status;
    return scoped;
  }
  if (def.hasStatus) {
    const scoped: KubeObject = { ...incoming };
    if (current.status === undefined) delete scoped.status;
    else scoped.status = current.status;
    return scoped;
  }
  return incoming;
}
