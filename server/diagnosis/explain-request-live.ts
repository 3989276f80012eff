/**
 * The request explainer on the live cluster, as the current viewer may see it. The objects
 * come from the cluster cache (no request lists the cluster), read as plain objects once per
 * state of the cache: the routing snapshot needs the pods' containers (which proxy a pod runs)
 * and the objects' creation order, which the typed views of core-objects.ts leave out. The
 * caller's namespace must be visible (404 otherwise, as for one that does not exist); hops
 * from namespaces the viewer may not see, and refs to objects there, are left out.
 */
import "server-only";
import { z } from "zod";
import type { Hop, RequestExplanation, RequestExplanationQuery } from "@/lib/contracts/request-explanation";
import type { SnapshotInput } from "@/lib/istio/routing/build-snapshot";
import type { PlainKubeObject } from "@/lib/kube/plain-object";
import { clusterCacheFor, getKubeConnection, type ClusterCache } from "@/server/adapters/kube";
import { MESH_ROOT_NAMESPACE } from "@/server/adapters/kube/watch-objects";
import { PODS, requireReadable, viewerVisibility } from "@/server/auth/namespace-visibility";
import { explainRequest, type RequestExplainerFacts } from "./explain-request";

/** Which cached kind feeds which field of the snapshot's input. */
const KIND_OF: Record<keyof SnapshotInput, string> = {
  namespaces: "Namespace",
  pods: "Pod",
  services: "Service",
  deployments: "Deployment",
  virtualServices: "VirtualService",
  destinationRules: "DestinationRule",
  gateways: "Gateway",
  serviceEntries: "ServiceEntry",
  peerAuthentications: "PeerAuthentication",
  authorizationPolicies: "AuthorizationPolicy",
  configMaps: "ConfigMap",
};

const stringMap = z.record(z.string(), z.string());
/** What build-snapshot.ts reads of metadata; the rest passes through unchecked, as specs are read field by field. */
const plainObjectSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string().optional(),
    namespace: z.string().optional(),
    resourceVersion: z.string().optional(),
    creationTimestamp: z.string().optional(),
    deletionTimestamp: z.string().optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
    ownerReferences: z
      .array(z.looseObject({ kind: z.string(), name: z.string(), controller: z.boolean().optional() }))
      .optional(),
  }),
});

const held = new WeakMap<ClusterCache, { version: number; facts: Promise<RequestExplainerFacts> }>();

async function readFacts(cache: ClusterCache): Promise<RequestExplainerFacts> {
  const entries = await Promise.all(
    (Object.entries(KIND_OF) as [keyof SnapshotInput, string][]).map(async ([field, kind]) => {
      const observed = await cache.list(kind, kind === "ConfigMap" ? MESH_ROOT_NAMESPACE : undefined);
      const objects: PlainKubeObject[] = [];
      for (const o of observed) {
        const parsed = plainObjectSchema.safeParse(o.object);
        // An object that does not fit (which a real API server never sends) is left out.
        if (parsed.success) objects.push(parsed.data as PlainKubeObject);
      }
      return [field, objects] as const;
    }),
  );
  return { objects: Object.fromEntries(entries) as unknown as SnapshotInput, rootNamespace: MESH_ROOT_NAMESPACE };
}

function loadFacts(): Promise<RequestExplainerFacts> {
  const cache = clusterCacheFor(getKubeConnection());
  const version = cache.version();
  const kept = held.get(cache);
  if (kept?.version === version) return kept.facts;
  const facts = readFacts(cache);
  held.set(cache, { version, facts });
  // A failed read (the cluster cannot be reached) is not kept.
  facts.catch(() => {
    if (held.get(cache)?.facts === facts) held.delete(cache);
  });
  return facts;
}

async function visibleTo(answer: RequestExplanation): Promise<RequestExplanation> {
  const visibility = viewerVisibility();
  if (visibility.everything) return answer;
  const namespaces = new Set<string>();
  for (const hop of answer.hops) {
    namespaces.add(hop.source.namespace);
    for (const d of hop.destinations)
      for (const ref of [...d.trafficPolicy.refs, ...d.tls.refs, ...d.authorization.refs])
        namespaces.add(ref.namespace);
  }
  // A hop names its caller's pods and labels: kept where the viewer may list pods, as the detail pages.
  const allowed = new Set(
    await visibility.filterReadable(
      [...namespaces],
      (ns) => ns,
      () => PODS,
    ),
  );
  const refsIn = <T extends { namespace: string }>(refs: T[]) => refs.filter((r) => allowed.has(r.namespace));
  const kept = new Set<string>();
  const hops: Hop[] = [];
  for (const hop of answer.hops) {
    // A hop from a namespace the viewer may not see goes, and with it the hops it leads to.
    if (!allowed.has(hop.source.namespace) || (hop.parent !== undefined && !kept.has(hop.parent))) continue;
    kept.add(hop.id);
    hops.push({
      ...hop,
      destinations: hop.destinations.map((d) => ({
        ...d,
        trafficPolicy: { ...d.trafficPolicy, refs: refsIn(d.trafficPolicy.refs) },
        tls: { ...d.tls, refs: refsIn(d.tls.refs) },
        authorization: { ...d.authorization, refs: refsIn(d.authorization.refs) },
      })),
    });
  }
  return { ...answer, hops };
}

export async function explainRequestLive(
  namespace: string,
  query: RequestExplanationQuery,
): Promise<RequestExplanation> {
  await requireReadable(namespace, PODS);
  return visibleTo(explainRequest(await loadFacts(), namespace, query));
}
