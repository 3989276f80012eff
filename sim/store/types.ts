/**
 * The contract between the simulator's object store and its clients (the API server,
 * admission, controllers, scenarios, and later the mesh engine). The store is the single
 * source of truth; every other part of the simulator reads and writes through this
 * interface, the way real controllers talk to a real API server.
 */

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [field: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any Kubernetes object as stored: apiVersion/kind/metadata plus arbitrary fields. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A resource type by API group ("" for core) and plural resource name, e.g. {group:"apps", resource:"deployments"}. */
export interface ResourceRef {
  group: string;
  resource: string;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
}

export interface WriteOptions {
  /** dryRun=All: run every check and return the result, persist nothing, emit no event. */
  dryRun?: boolean;
}

/**
 * The store client used inside the simulator (controllers, scenarios, mesh engine).
 * Writes made through it skip authentication but still go through admission.
 * Errors are thrown as `StatusError` (sim/apiserver) carrying a Kubernetes Status.
 */
export interface StoreClient {
  list(ref: ResourceRef, namespace?: string): ListResult;
  get(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined;
  create(ref: ResourceRef, object: KubeObject, options?: WriteOptions): KubeObject;
  /** Replaces the object; a metadata.resourceVersion that is not current gets a 409 Conflict. */
  update(ref: ResourceRef, object: KubeObject, options?: WriteOptions): KubeObject;
  /** Deletes the object and, through ownerReferences, everything it owns. */
  delete(ref: ResourceRef, namespace: string | undefined, name: string, options?: WriteOptions): KubeObject;
  /**
   * Calls `onEvent` for every later change; with `sinceResourceVersion`
   * replays what came after it. Returns an unsubscribe function.
   */
  watch(
    ref: ResourceRef,
    namespace: string | undefined,
    onEvent: (event: WatchEvent) => void,
    sinceResourceVersion?: string,
  ): () => void;
}
