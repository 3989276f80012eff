/**
 * Reads and writes single Istio objects as custom objects. Writes carry the object's
 * resourceVersion, so a stale edit gets the API server's 409 Conflict instead of silently
 * overwriting someone else's change; `dryRun` runs the server's whole admission chain
 * (istiod's webhook included) without persisting.
 */
import "server-only";
import { CustomObjectsApi } from "@kubernetes/client-node";
import { z } from "zod";
import { findIstioKind, type IstioKindInfo } from "@/lib/istio/kinds";
import { TopsailError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";

/** An Istio object as the API returns it: metadata is always there, the rest is the user's. */
export interface StoredIstioObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; resourceVersion?: string; uid?: string; generation?: number; [field: string]: unknown };
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

const storedObject = z
  .object({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.object({ name: z.string(), namespace: z.string(), resourceVersion: z.string().optional() }).passthrough(),
    spec: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

export interface IstioObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

function kindInfo(kind: string): IstioKindInfo {
  const info = findIstioKind(kind);
  if (!info) throw new TopsailError("bad_request", `Unknown Istio kind "${kind}"`);
  return info;
}

function reshape(body: unknown, kind: string): StoredIstioObject {
  const parsed = storedObject.safeParse(body);
  if (!parsed.success) throw new TopsailError("kube_api", `The Kubernetes API returned a ${kind} without name or namespace`);
  return { ...parsed.data, kind } as StoredIstioObject;
}

function api(connection: KubeConnection): CustomObjectsApi {
  return connection.kubeConfig.makeApiClient(CustomObjectsApi);
}

const dryRunParam = (dryRun: boolean | undefined) => (dryRun ? { dryRun: "All" } : {});

export async function getIstioObject(connection: KubeConnection, ref: IstioObjectRef): Promise<StoredIstioObject | undefined> {
  const info = kindInfo(ref.kind);
  try {
    const body: unknown = await api(connection).getNamespacedCustomObject({ group: info.group, version: info.version, namespace: ref.namespace, plural: info.plural, name: ref.name });
    return reshape(body, info.kind);
  } catch (error) {
    const typed = toKubeError(error, { server: connection.server, namespace: ref.namespace });
    if (typed.code === "not_found") return undefined;
    throw typed;
  }
}

export async function listIstioObjects(connection: KubeConnection, kind: string, namespace: string): Promise<StoredIstioObject[]> {
  const info = kindInfo(kind);
  try {
    const body: unknown = await api(connection).listNamespacedCustomObject({ group: info.group, version: info.version, namespace, plural: info.plural });
    const items = z.object({ items: z.array(z.unknown()) }).safeParse(body);
    return items.success ? items.data.items.map((item) => reshape(item, info.kind)) : [];
  } catch (error) {
    const typed = toKubeError(error, { server: connection.server, namespace });
    // A cluster without this CRD simply has none of these objects.
    if (typed.code === "not_found") return [];
    throw typed;
  }
}

export async function createIstioObject(connection: KubeConnection, object: StoredIstioObject, options: { dryRun?: boolean } = {}): Promise<StoredIstioObject> {
  const info = kindInfo(object.kind);
  const { resourceVersion: _ignored, ...metadata } = object.metadata;
  try {
    const body: unknown = await api(connection).createNamespacedCustomObject({
      group: info.group,
      version: info.version,
      namespace: object.metadata.namespace,
      plural: info.plural,
      body: { ...object, apiVersion: `${info.group}/${info.version}`, metadata },
      ...dryRunParam(options.dryRun),
    });
    return reshape(body, info.kind);
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace: object.metadata.namespace });
  }
}

/** Replaces the object; `metadata.resourceVersion` must be the live one or the server answers 409. */
export async function replaceIstioObject(connection: KubeConnection, object: StoredIstioObject, options: { dryRun?: boolean } = {}): Promise<StoredIstioObject> {
  const info = kindInfo(object.kind);
  if (!object.metadata.resourceVersion) throw new TopsailError("bad_request", `Replacing ${object.kind} ${object.metadata.namespace}/${object.metadata.name} needs its resourceVersion`);
  try {
    const body: unknown = await api(connection).replaceNamespacedCustomObject({
      group: info.group,
      version: info.version,
      namespace: object.metadata.namespace,
      plural: info.plural,
      name: object.metadata.name,
      body: { ...object, apiVersion: `${info.group}/${info.version}` },
      ...dryRunParam(options.dryRun),
    });
    return reshape(body, info.kind);
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace: object.metadata.namespace });
  }
}

/** Deletes the object only if it is still at `resourceVersion` (a precondition), so a delete never removes a newer edit. */
export async function deleteIstioObject(connection: KubeConnection, ref: IstioObjectRef & { resourceVersion?: string }, options: { dryRun?: boolean } = {}): Promise<void> {
  const info = kindInfo(ref.kind);
  try {
    await api(connection).deleteNamespacedCustomObject({
      group: info.group,
      version: info.version,
      namespace: ref.namespace,
      plural: info.plural,
      name: ref.name,
      body: ref.resourceVersion ? { preconditions: { resourceVersion: ref.resourceVersion } } : {},
      ...dryRunParam(options.dryRun),
    });
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace: ref.namespace });
  }
}
