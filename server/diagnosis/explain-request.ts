/**
 * "What happens to this request?" (issue 22, item 1), as a pure function of the cluster's
 * objects: the routing snapshot is built from them by the simulator's own builder
 * (lib/istio/routing/build-snapshot.ts), and every hop is decided by the simulator's own
 * evaluator (explain-request-hop.ts), so the answer is what the simulated mesh would do.
 *
 * 1. The caller: a pod of the named workload in the path's namespace. A sidecar routes by the
 *    VirtualServices bound to `mesh`; a gateway first needs a Gateway server that accepts the
 *    host on the port (its Service port → the pod's container port, as istiod listens), then
 *    routes by the VirtualServices bound to the accepting Gateways.
 * 2. The host as the caller's DNS reads it (`reviews` → `reviews.<ns>.svc.cluster.local`) when
 *    it names a Service; else as written (a ServiceEntry host, or unknown).
 * 3. Next hops: the calls the destination's app is known to make (lib/istio/sample-client-calls.ts,
 *    the table the simulator runs), with the headers the app copies from its own request (the
 *    trace context and, for Bookinfo, `end-user`), once per destination workload and call — so
 *    reviews v2 and v3 each show their call to ratings — down to MAX_DEPTH.
 */
import "server-only";
import type { Hop, RequestExplanation, RequestExplanationQuery } from "@/lib/contracts/request-explanation";
import { buildSnapshot, type SnapshotInput } from "@/lib/istio/routing/build-snapshot";
import { acceptingServers, containerPortsOf } from "@/lib/istio/routing/gateway-servers";
import { labelsMatch, type ConfigSnapshot, type PodInfo } from "@/lib/istio/routing/snapshot";
import { resolveDnsName } from "@/lib/istio/routing/hosts";
import { sampleClientRowFor, TRACE_CONTEXT_HEADERS, type ClientCall } from "@/lib/istio/sample-client-calls";
import { TopsailError } from "@/server/errors";
import { explainHop, notAcceptedHop, type HopBody, type HopInput } from "./explain-request-hop";
import { configRefs, type RefOf } from "./explain-request-refs";

/** How many calls deep next hops go (Bookinfo's deepest path, gateway → productpage → reviews → ratings, is 3). */
export const MAX_DEPTH = 4;
/** A bound on the answer's size for meshes whose apps call in wide trees. */
const MAX_HOPS = 64;

export interface RequestExplainerFacts {
  /** The cluster's objects, as the routing snapshot is built from them. */
  objects: SnapshotInput;
  rootNamespace: string;
}

const NEXT_HOP_SOURCE =
  "the calls Istio's sample apps make, from their code (lib/istio/sample-client-calls.ts, the table the simulator runs): Bookinfo's productpage and reviews";

/** A request as asked or as an app makes it: the port may be left to the Service. */
type AskedRequest = Omit<Hop["request"], "port"> & { port?: number };

interface Walk {
  snapshot: ConfigSnapshot;
  refOf: RefOf;
  hops: Hop[];
}

function callerPod(snapshot: ConfigSnapshot, namespace: string, workload: string): PodInfo {
  const pods = snapshot.pods.filter((p) => p.namespace === namespace && p.identity.workload === workload);
  const pod = pods.find((p) => p.ready) ?? pods[0];
  if (pod) return pod;
  const known = [...new Set(snapshot.pods.filter((p) => p.namespace === namespace).map((p) => p.identity.workload))];
  throw new TopsailError(
    "not_found",
    `There is no workload "${workload}" in namespace "${namespace}"` +
      (known.length > 0 ? `; its workloads are ${known.sort().join(", ")}.` : "; it has no pods."),
  );
}

/** The Service port a name dials: the explicit one, else the Service's first HTTP port, else 80. */
function portOf(snapshot: ConfigSnapshot, host: string, explicit: number | undefined): number {
  if (explicit !== undefined) return explicit;
  const service = snapshot.services.get(host);
  return service?.ports.find((p) => p.protocol === "http")?.port ?? service?.ports[0]?.port ?? 80;
}

function hopFromSidecar(walk: Walk, caller: PodInfo, asked: AskedRequest): HopBody {
  const resolved = resolveDnsName(asked.host, caller.namespace);
  const host = walk.snapshot.services.has(resolved) ? resolved : asked.host.toLowerCase();
  const request = { ...asked, host, port: portOf(walk.snapshot, host, asked.port) };
  const input: HopInput = {
    snapshot: walk.snapshot,
    refOf: walk.refOf,
    caller,
    source: { namespace: caller.namespace, labels: caller.labels, gateways: ["mesh"] },
    request,
  };
  return explainHop(input);
}

/** The gateway's Service port that `port` names (or its first HTTP one), and the container port behind it. */
function gatewayPorts(snapshot: ConfigSnapshot, gateway: PodInfo, asked: number | undefined) {
  const ports = [...snapshot.services.values()]
    .filter((s) => s.namespace === gateway.namespace && labelsMatch(s.selector, gateway.labels))
    .flatMap((s) => s.ports);
  const port = asked ?? ports.find((p) => p.protocol === "http")?.port ?? 80;
  const containerPort = [...containerPortsOf(snapshot, gateway, port)][0] ?? port;
  return { port, containerPort };
}

function hopFromGateway(walk: Walk, caller: PodInfo, asked: AskedRequest): HopBody {
  const { port, containerPort } = gatewayPorts(walk.snapshot, caller, asked.port);
  const request = { ...asked, host: asked.host.toLowerCase(), port };
  const servers = acceptingServers(walk.snapshot, caller, containerPort, request.host);
  const first = servers[0];
  const input: HopInput = {
    snapshot: walk.snapshot,
    refOf: walk.refOf,
    caller,
    // As the simulator's ingress does: the proxy routes by the port it listens on.
    source: {
      namespace: caller.namespace,
      labels: caller.labels,
      gateways: [...new Set(servers.map((s) => s.gateway))],
    },
    request,
    routingPort: containerPort,
    ...(first
      ? {
          gatewayServer: {
            index: first.index,
            hosts: first.server.hosts ?? [],
            ref: walk.refOf("Gateway", ...splitKey(first.gateway), `spec/servers[${first.index}]`),
          },
        }
      : {}),
  };
  if (!first)
    return notAcceptedHop(
      input,
      `no Gateway server selecting ${caller.identity.workload} listens on port ${port} (container port ${containerPort}) for host ${request.host}: the gateway answers 404`,
    );
  return explainHop(input);
}

function splitKey(key: string): [string, string] {
  const [namespace = "", name = ""] = key.split("/");
  return [namespace, name];
}

function forwardedHeaders(headers: Record<string, string>, forward: readonly string[]): Record<string, string> {
  const names = new Set([...TRACE_CONTEXT_HEADERS, ...forward]);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => names.has(name)));
}

function addHop(walk: Walk, body: HopBody, parent: string | undefined, depth: number): void {
  if (walk.hops.length >= MAX_HOPS) return;
  const id = `h${walk.hops.length}`;
  walk.hops.push({ id, ...(parent ? { parent } : {}), ...body });
  if (depth >= MAX_DEPTH) return;
  // One next hop per destination workload and call: v1, v2 and v3 of reviews each show theirs.
  const seen = new Set<string>();
  for (const destination of body.destinations) {
    if (destination.probability <= 0 || destination.problem) continue;
    const pods = walk.snapshot.pods.filter((p) => destination.pods.some((d) => d.name === p.name && p.ready));
    for (const pod of pods) {
      if (seen.has(pod.identity.key)) continue;
      seen.add(pod.identity.key);
      const row = sampleClientRowFor(pod.labels);
      for (const call of row?.calls ?? []) nextHop(walk, pod, call, body, row?.forwardHeaders ?? [], id, depth + 1);
    }
  }
}

function nextHop(
  walk: Walk,
  caller: PodInfo,
  call: ClientCall,
  parent: HopBody,
  forward: readonly string[],
  parentId: string,
  depth: number,
): void {
  const hop = hopFromSidecar(walk, caller, {
    host: call.service,
    ...(call.port !== undefined ? { port: call.port } : {}),
    path: call.path,
    method: call.method ?? "GET",
    headers: forwardedHeaders(parent.request.headers, forward),
  });
  addHop(walk, hop, parentId, depth);
}

export function explainRequest(
  facts: RequestExplainerFacts,
  namespace: string,
  query: RequestExplanationQuery,
): RequestExplanation {
  const snapshot = buildSnapshot(facts.objects, 0, facts.rootNamespace);
  const walk: Walk = { snapshot, refOf: configRefs(facts.objects), hops: [] };
  const caller = callerPod(snapshot, namespace, query.sourceWorkload);
  if (!caller.hasSidecar && !caller.isGateway)
    throw new TopsailError(
      "bad_request",
      `Workload "${query.sourceWorkload}" has no Istio proxy: its requests go straight to the Service, and no VirtualService applies. Pick a workload with a sidecar or a gateway.`,
    );
  const asked = {
    host: query.host,
    ...(query.port !== undefined ? { port: query.port } : {}),
    path: query.path,
    method: query.method,
    headers: query.headers,
  };
  const hop = caller.isGateway ? hopFromGateway(walk, caller, asked) : hopFromSidecar(walk, caller, asked);
  addHop(walk, hop, undefined, 0);
  return {
    namespace,
    query: {
      sourceWorkload: query.sourceWorkload,
      host: query.host,
      ...(query.port !== undefined ? { port: query.port } : {}),
      path: query.path,
      method: query.method,
      headers: query.headers,
    },
    hops: walk.hops,
    nextHopSource: NEXT_HOP_SOURCE,
  };
}
