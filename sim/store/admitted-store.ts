/**
 * The StoreClient that simulator parts (controllers, scenarios, the mesh engine) use: the
 * memory store behind the admission chain, with no authentication, like a component that
 * talks to the API server with a privileged identity. Reads hand out copies so a caller
 * that edits what it read cannot change the store behind its back.
 */
import type { AdmissionOperation, AdmissionRequest, AdmissionResult, FieldValidation } from "../admission/types";
import type { KubeObject, ListResult, ResourceRef, StoreClient, WatchEvent, WriteOptions } from "./types";
import { parseApiVersion, type ResourceDef } from "./resource-registry";
import { MemoryStore, requireResource } from "./memory-store";
import { StatusError, notFound } from "../apiserver/status-error";

export type AdmitFunction = (request: AdmissionRequest) => AdmissionResult;

export interface Admitted {
  object: KubeObject;
  warnings: string[];
}

/** Runs the admission chain for one write; a denial becomes the Status the webhook would return. */
export function runAdmission(
  admit: AdmitFunction,
  memory: MemoryStore,
  def: ResourceDef,
  operation: AdmissionOperation,
  object: KubeObject,
  oldObject?: KubeObject,
  fieldValidation?: FieldValidation,
): Admitted {
  const request: AdmissionRequest = {
    operation,
    group: def.group,
    version: parseApiVersion(object.apiVersion ?? "").version || def.storageVersion,
    resource: def.resource,
    kind: def.kind,
    namespace: def.namespaced ? object.metadata?.namespace : undefined,
    object: structuredClone(object),
    ...(oldObject ? { oldObject: structuredClone(oldObject) } : {}),
    ...(fieldValidation ? { fieldValidation } : {}),
    lookup: (group, resource, namespace, name) => {
      try {
        const found = memory.getShared({ group, resource }, namespace, name);
        return found ? structuredClone(found) : undefined;
      } catch {
        return undefined;
      }
    },
  };
  const result = admit(request);
  if (result.allowed) return { object: result.object, warnings: result.warnings };
  const details =
    result.causes && result.causes.length > 0
      ? { name: object.metadata?.name ?? "", group: def.group, kind: def.kind, causes: result.causes }
      : undefined;
  throw new StatusError(result.code, result.reason, result.message, details);
}

export function createAdmittedStore(memory: MemoryStore, admit: AdmitFunction): StoreClient {
  return {
    list(ref: ResourceRef, namespace?: string): ListResult {
      const shared = memory.listShared(ref, namespace);
      return { items: shared.items.map((o) => structuredClone(o)), resourceVersion: shared.resourceVersion };
    },
    get(ref, namespace, name) {
      const found = memory.getShared(ref, namespace, name);
      return found ? structuredClone(found) : undefined;
    },
    create(ref, object, options?: WriteOptions) {
      const def = requireResource(ref);
      const admitted = runAdmission(admit, memory, def, "CREATE", object);
      return structuredClone(memory.create(ref, admitted.object, options));
    },
    update(ref, object, options?: WriteOptions) {
      const def = requireResource(ref);
      const old = memory.getShared(ref, object.metadata?.namespace, object.metadata?.name ?? "");
      if (!old) throw notFound(def, object.metadata?.name ?? "");
      const admitted = runAdmission(admit, memory, def, "UPDATE", object, old);
      return structuredClone(memory.update(ref, admitted.object, options));
    },
    delete(ref, namespace, name, options?: WriteOptions) {
      const def = requireResource(ref);
      const old = memory.getShared(ref, namespace, name);
      if (!old) throw notFound(def, name);
      runAdmission(admit, memory, def, "DELETE", old, old);
      return structuredClone(memory.delete(ref, namespace, name, options));
    },
    watch(ref, namespace, onEvent: (event: WatchEvent) => void, sinceResourceVersion?: string) {
      return memory.watchShared(
        ref,
        namespace,
        (event) => onEvent({ type: event.type, object: structuredClone(event.object) }),
        sinceResourceVersion,
      );
    },
  };
}
