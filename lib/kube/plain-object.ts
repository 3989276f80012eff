/**
 * A Kubernetes object as plain JSON, with only the metadata fields pure code reads (names,
 * labels, owners, creation order). Both the simulator's store objects (sim/store/types.ts) and
 * the console's cluster cache objects fit it, so the routing snapshot
 * (lib/istio/routing/build-snapshot.ts) is built the same way from either.
 */
export interface PlainObjectMeta {
  name?: string;
  namespace?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: readonly { kind: string; name: string; controller?: boolean }[];
}

export interface PlainKubeObject {
  metadata: PlainObjectMeta;
  spec?: unknown;
  status?: unknown;
  [field: string]: unknown;
}
