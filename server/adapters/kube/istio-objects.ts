/**
 * Reads Istio objects from the cluster cache (cluster-cache.ts) and writes them as custom
 * objects. A write returns once the cache holds its result, so the next read shows it. Writes carry the object's
 * resourceVersion, so a stale edit gets the API server's 409 Conflict instead of silently
 * overwriting someone else's change; `dryRun` runs the server's whole admission chain
 * (istiod's webhook included) without persisting.
 */
import "server-only";
import { CustomObjectsApi } from "@kubernetes/client-node";
import { z } from "zod";
import { findIstioKind, type IstioKindInfo } from "@/lib/istio/kinds";
import { TopsailError } from "@/server/errors";
import { clusterCacheFor, deepFreeze, runningClusterCache } from "./cluster-cache";
import type { KubeConnection } from "./kube-connection";
import type { ObservedObject } from "./watch-objects";
import { toKubeError } from "./kube-errors";

/** An Istio object as the API returns it: metadata is always there, the rest is the user's. */
export interface StoredIstioObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    resourceVersion?: string;
    uid?: string;
    generation?: number;
    [field: string]: unknown;
  };
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

const storedObject = z
  .object({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z
      .object({ name: z.string(), namespace: z.string(), resourceVersion: z.string().optional() })
      .passthrough(),
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
  if (!parsed.success)
    throw new TopsailError("kube_api", `The Kubernetes API returned a ${kind} without name or namespace`);
  return { ...parsed.data, kind } as StoredIstioObject;
}

// Each observed version is reshaped once; the cache's objects are frozen, so sharing the result is safe.
const reshaped = new WeakMap<ObservedObject, StoredIstioObject>();
function reshapeObserved(observed: ObservedObject, kind: string): StoredIstioObject {
  let object = reshaped.get(observed);
  if (!object) reshaped.set(observed, (object = deepFreeze(reshape(observed.object, kind))));
  return object;
}

function api(connection: KubeConnection): CustomObjectsApi {
  return connection.kubeConfig.makeApiClient(CustomObjectsApi);
}

const dryRunParam = (dryRun: boolean | undefined) => (dryRun ? { dryRun: "All" } : {});

export async function getIstioObject(
  connection: KubeConnection,
  ref: IstioObjectRef,
): Promise<StoredIstioObject | undefined> {
  const info = kindInfo(ref.kind);
  const observed = await clusterCacheFor(connection).get(info.kind, ref.namespace, ref.name);
  return observed ? reshapeObserved(observed, info.kind) : undefined;
}

/** The objects of a kind in one namespace, or in all when `namespace` is undefined. */
export async function listIstioObjects(
  connection: KubeConnection,
  kind: string,
  namespace: string | undefined,
): Promise<StoredIstioObject[]> {
  const info = kindInfo(kind);
  return (await clusterCacheFor(connection).list(info.kind, namespace)).map((observed) =>
    reshapeObserved(observed, info.kind),
  );
}

/**
 * Waits until the cache (if one runs) holds what the API server answered a write, so the next read shows the change.
 */
async function cacheCatchesUp(
  connection: KubeConnection,
  ref: IstioObjectRef,
  resourceVersion: string | undefined,
  options: { dryRun?: boolean },
): Promise<void> {
  if (options.dryRun) return;
  await runningClusterCache(connection)?.caughtUp(ref, resourceVersion);
}

/** Where a custom-object call goes: the kind's group, version and plural in one namespace, dry-run or not. */
function target(info: IstioKindInfo, namespace: string, options: { dryRun?: boolean }) {
  return { group: info.group, version: info.version, namespace, plural: info.plural, ...dryRunParam(options.dryRun) };
}

/** Sends a create or replace, reshapes the answer and waits for the cache to hold it; failures become KubeApiError. */
async function store(
  connection: KubeConnection,
  info: IstioKindInfo,
  namespace: string,
  options: { dryRun?: boolean },
  send: (to: ReturnType<typeof target>) => Promise<unknown>,
): Promise<StoredIstioObject> {
  try {
    const stored = reshape(await send(target(info, namespace, options)), info.kind);
    await cacheCatchesUp(
      connection,
      { kind: info.kind, namespace: stored.metadata.namespace, name: stored.metadata.name },
      stored.metadata.resourceVersion,
      options,
    );
    return stored;
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace });
  }
}

export async function createIstioObject(
  connection: KubeConnection,
  object: StoredIstioObject,
  options: { dryRun?: boolean } = {},
): Promise<StoredIstioObject> {
  const info = kindInfo(object.kind);
  const { resourceVersion: _ignored, ...metadata } = object.metadata;
  return store(connection, info, object.metadata.namespace, options, (to) =>
    api(connection).createNamespacedCustomObject({
      ...to,
      body: { ...object, apiVersion: `${info.group}/${info.version}`, metadata },
    }),
  );
}

/** Replaces the object; `metadata.resourceVersion` must be the live one or the server answers 409. */
export async function replaceIstioObject(
  connection: KubeConnection,
  object: StoredIstioObject,
  options: { dryRun?: boolean } = {},
): Promise<StoredIstioObject> {
  const info = kindInfo(object.kind);
  if (!object.metadata.resourceVersion)
    throw new TopsailError(
      "bad_request",
      `Replacing ${object.kind} ${object.metadata.namespace}/${object.metadata.name} needs its resourceVersion`,
    );
  return store(connection, info, object.metadata.namespace, options, (to) =>
    api(connection).replaceNamespacedCustomObject({
      ...to,
      name: object.metadata.name,
      body: { ...object, apiVersion: `${info.group}/${info.version}` },
    }),
  );
}

/**
 * Deletes the object only if it is still at `resourceVersion` (a precondition), so a delete never removes a newer edit.
 */
export async function deleteIstioObject(
  connection: KubeConnection,
  ref: IstioObjectRef & { resourceVersion?: string },
  options: { dryRun?: boolean } = {},
): Promise<void> {
  const info = kindInfo(ref.kind);
  try {
    await api(connection).deleteNamespacedCustomObject({
      ...target(info, ref.namespace, options),
      name: ref.name,
      body: ref.resourceVersion ? { preconditions: { resourceVersion: ref.resourceVersion } } : {},
    });
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace: ref.namespace });
  }
  await cacheCatchesUp(connection, { kind: info.kind, namespace: ref.namespace, name: ref.name }, undefined, options);
}
