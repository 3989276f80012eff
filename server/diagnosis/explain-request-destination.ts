/**
 * One routed destination of a hop, as the client proxy and the server's proxy would treat it,
 * read with the simulator's own functions (lib/istio/routing): the Envoy cluster and its pods
 * (resolve-cluster.ts: the Service's ready pods narrowed by the subset's labels; a subset no
 * DestinationRule defines has no cluster, 503 NC), the merged traffic policy, the TLS on the
 * wire (mutual-tls.ts between proxies: the DestinationRule's `tls.mode`, else auto mTLS,
 * against the server's PeerAuthentication; upstream-tls.ts toward hosts outside the mesh) and
 * the server proxy's authorization verdict (authorize-request.ts, with the caller's principal
 * when the connection is Istio mTLS). Pods answer alike, so the first stands for all.
 */
import "server-only";
import type { ConfigRef, DestinationOutcome, Hop } from "@/lib/contracts/request-explanation";
import { authorizationPoliciesFor, authorize } from "@/lib/istio/routing/authorize-request";
import type { WeightedDestination } from "@/lib/istio/routing/evaluate-http-route";
import { connectionSecurity, serverMtlsDecision } from "@/lib/istio/routing/mutual-tls";
import {
  findDestinationRule,
  resolveCluster,
  type Cluster,
  type DestinationService,
} from "@/lib/istio/routing/resolve-cluster";
import type { ConfigSnapshot, DestinationRuleEntry, PodInfo } from "@/lib/istio/routing/snapshot";
import { originatesTls, upstreamTls } from "@/lib/istio/routing/upstream-tls";
import { trafficPolicyInWords } from "./explain-request-policy";
import type { RefOf } from "./explain-request-refs";

export interface DestinationContext {
  snapshot: ConfigSnapshot;
  refOf: RefOf;
  /** The caller's pod: its namespace picks the DestinationRule, its identity is the principal. */
  caller: PodInfo;
  request: Hop["request"];
}

/** The DestinationRule fields the policy came from: the rule's, the subset's, and port-level settings. */
function policyRefs(ctx: DestinationContext, dr: DestinationRuleEntry | undefined, cluster: Cluster): ConfigRef[] {
  if (!dr) return [];
  const refs: ConfigRef[] = [];
  const portLevel = (prefix: string, settings: { port?: { number?: number } }[] | undefined) => {
    const i = (settings ?? []).findIndex((p) => p.port?.number === cluster.port);
    if (i >= 0) refs.push(ctx.refOf("DestinationRule", dr.namespace, dr.name, `${prefix}/portLevelSettings[${i}]`));
  };
  if (dr.spec.trafficPolicy) {
    refs.push(ctx.refOf("DestinationRule", dr.namespace, dr.name, "spec/trafficPolicy"));
    portLevel("spec/trafficPolicy", dr.spec.trafficPolicy.portLevelSettings);
  }
  const s = (dr.spec.subsets ?? []).findIndex((subset) => subset.name === cluster.subset);
  const subset = dr.spec.subsets?.[s];
  if (subset?.trafficPolicy) {
    refs.push(ctx.refOf("DestinationRule", dr.namespace, dr.name, `spec/subsets[${s}]/trafficPolicy`));
    portLevel(`spec/subsets[${s}]/trafficPolicy`, subset.trafficPolicy.portLevelSettings);
  }
  if (refs.length === 0) refs.push(ctx.refOf("DestinationRule", dr.namespace, dr.name, "spec"));
  return refs;
}

function tlsBetweenProxies(ctx: DestinationContext, cluster: Cluster, dr: DestinationRuleEntry | undefined) {
  const server = cluster.endpoints[0];
  const drMode = cluster.policy.tls?.mode;
  const drRefs = dr && drMode ? [ctx.refOf("DestinationRule", dr.namespace, dr.name, "spec/trafficPolicy/tls")] : [];
  if (!server) {
    const mode = drMode ?? "ISTIO_MUTUAL";
    return { mode, accepted: true, reason: "no pod to connect to", refs: drRefs };
  }
  const targetPort = targetPortOf(cluster);
  const security = connectionSecurity(ctx.snapshot, true, server, targetPort, cluster.policy);
  const { mode: serverMode, peerAuthentication } = server.hasSidecar
    ? serverMtlsDecision(ctx.snapshot, server, targetPort)
    : { mode: "DISABLE" as const, peerAuthentication: undefined };
  const paRefs = peerAuthentication
    ? [ctx.refOf("PeerAuthentication", peerAuthentication.namespace, peerAuthentication.name, "spec/mtls/mode")]
    : [];
  const clientSide = drMode
    ? `the DestinationRule sets tls.mode ${drMode}`
    : security.mutualTls || serverMode !== "DISABLE"
      ? "auto mTLS (no DestinationRule tls)"
      : "auto mTLS sends plain text to a server without mTLS";
  const serverSide = !server.hasSidecar
    ? `${server.identity.workload} has no sidecar`
    : peerAuthentication
      ? `PeerAuthentication ${peerAuthentication.namespace}/${peerAuthentication.name} makes ${server.identity.workload} ${serverMode}`
      : `${server.identity.workload} is PERMISSIVE (no PeerAuthentication: Istio's default)`;
  // Auto mTLS never fails: it picks mTLS exactly when the server's sidecar takes it.
  const mode = drMode ?? (security.mutualTls ? "ISTIO_MUTUAL" : "DISABLE");
  const verdict = security.refused ? "the handshake fails: 503 UF" : "accepted";
  return {
    mode,
    accepted: !security.refused,
    reason: `${clientSide}; ${serverSide} — ${verdict}`,
    refs: [...drRefs, ...paRefs],
  };
}

function targetPortOf(cluster: Cluster): number {
  if (cluster.service.kind !== "kubernetes") return cluster.port;
  return cluster.service.service.ports.find((p) => p.port === cluster.port)?.targetPort ?? cluster.port;
}

function tlsOutsideMesh(ctx: DestinationContext, cluster: Cluster, dr: DestinationRuleEntry | undefined) {
  const originates = originatesTls(cluster);
  const mode = originates ? (cluster.policy.tls?.mode === "MUTUAL" ? "MUTUAL" : "SIMPLE") : "DISABLE";
  const agreement = upstreamTls(cluster);
  const reason =
    agreement === "agreed"
      ? originates
        ? "the sidecar originates TLS (DestinationRule tls) to a server that speaks TLS"
        : "plain text, as the server expects"
      : agreement === "plaintextToTlsServer"
        ? "plain text to a server that speaks TLS: it closes the connection, 503 UC"
        : "TLS to a server that speaks plain text: the handshake fails, 503 UF";
  const refs = dr && originates ? [ctx.refOf("DestinationRule", dr.namespace, dr.name, "spec/trafficPolicy/tls")] : [];
  return { mode, accepted: agreement === "agreed", reason, refs } as const;
}

const RBAC_RULE = /^ns\[(.*)\]-policy\[(.*)\]-rule\[(\d+)\]$/;

function authorizationOf(
  ctx: DestinationContext,
  cluster: Cluster,
  mutualTls: boolean,
): DestinationOutcome["authorization"] {
  const server = cluster.endpoints[0];
  if (!server || !server.hasSidecar)
    return { verdict: "allow", reason: "no sidecar on the server enforces AuthorizationPolicy", refs: [] };
  const policies = authorizationPoliciesFor(ctx.snapshot, server);
  if (policies.length === 0)
    return { verdict: "allow", reason: `no AuthorizationPolicy selects ${server.identity.workload}`, refs: [] };
  const decision = authorize(policies, {
    ...(mutualTls ? { principal: ctx.caller.identity.principal } : {}),
    ...(ctx.caller.ip ? { sourceIp: ctx.caller.ip } : {}),
    ...(server.ip ? { destinationIp: server.ip } : {}),
    port: targetPortOf(cluster),
    http: {
      authority: ctx.request.host,
      method: ctx.request.method,
      path: ctx.request.path,
      headers: ctx.request.headers,
    },
  });
  const rule = decision.matchedPolicy ? RBAC_RULE.exec(decision.matchedPolicy) : null;
  if (rule) {
    const [, namespace = "", name = "", index = "0"] = rule;
    const action = decision.allowed ? "allows" : "denies";
    return {
      verdict: decision.allowed ? "allow" : "deny",
      reason: `rule ${index} of AuthorizationPolicy ${namespace}/${name} ${action} the request${decision.allowed ? "" : ": 403"}`,
      refs: [ctx.refOf("AuthorizationPolicy", namespace, name, `spec/rules[${index}]`)],
    };
  }
  if (decision.allowed)
    return { verdict: "allow", reason: "no ALLOW policy applies and no DENY policy matches", refs: [] };
  const allowPolicies = policies.filter((p) => (p.spec.action ?? "ALLOW") === "ALLOW");
  return {
    verdict: "deny",
    reason: `ALLOW policies select ${server.identity.workload} and none of their rules matches the request: 403`,
    refs: allowPolicies.map((p) => ctx.refOf("AuthorizationPolicy", p.namespace, p.name, "spec")),
  };
}

function unresolved(service: DestinationService, weighted: WeightedDestination, problem: string): DestinationOutcome {
  return {
    host: weighted.destination.host,
    ...(weighted.destination.subset ? { subset: weighted.destination.subset } : {}),
    ...(weighted.destination.port !== undefined ? { port: weighted.destination.port } : {}),
    probability: weighted.probability,
    pods: [],
    problem,
    trafficPolicy: { loadBalancer: "none: no cluster", refs: [] },
    tls: { mode: "DISABLE", accepted: false, reason: `no cluster for ${service.host}`, refs: [] },
    authorization: { verdict: "allow", reason: "not reached", refs: [] },
  };
}

export function explainDestination(ctx: DestinationContext, weighted: WeightedDestination): DestinationOutcome {
  const { snapshot } = ctx;
  const resolution = resolveCluster(snapshot, ctx.caller.namespace, weighted.destination, ctx.request.port);
  const service = resolution.ok ? resolution.cluster.service : resolution.service;
  const dr =
    service.kind === "kubernetes" || service.kind === "external"
      ? findDestinationRule(snapshot, ctx.caller.namespace, weighted.destination.host, service.namespace)
      : undefined;
  if (!resolution.ok) {
    const where = dr ? `DestinationRule ${dr.namespace}/${dr.name}` : `any DestinationRule for ${service.host}`;
    return unresolved(
      service,
      weighted,
      `subset ${weighted.destination.subset} is not defined by ${where}: Envoy has no cluster for it, 503 NC`,
    );
  }
  const cluster = resolution.cluster;
  const problem =
    service.kind === "blackhole"
      ? "no Service or ServiceEntry declares the host and the mesh is REGISTRY_ONLY: 502 from BlackHoleCluster"
      : service.kind === "kubernetes" && cluster.endpoints.length === 0
        ? `no ready pod${cluster.subset ? ` carries subset ${cluster.subset}'s labels` : " behind the Service"}: 503 UH`
        : undefined;
  const tls = service.kind === "kubernetes" ? tlsBetweenProxies(ctx, cluster, dr) : tlsOutsideMesh(ctx, cluster, dr);
  return {
    host: weighted.destination.host,
    ...(cluster.subset ? { subset: cluster.subset } : {}),
    port: cluster.port,
    probability: weighted.probability,
    pods: cluster.endpoints.map((p) => ({ name: p.name, ready: p.ready, hasSidecar: p.hasSidecar })),
    ...(problem ? { problem } : {}),
    trafficPolicy: { ...trafficPolicyInWords(cluster.policy), refs: policyRefs(ctx, dr, cluster) },
    tls,
    authorization: authorizationOf(ctx, cluster, tls.mode === "ISTIO_MUTUAL" && tls.accepted),
  };
}
