/**
 * What an Envoy span says about itself, read from the tags Istio's proxies write (the shared
 * reference's part 2 §3): `node_id` = `<sidecar|router>~<ip>~<pod>.<namespace>~<namespace>.svc.cluster.local`
 * names the proxy's pod; `istio.canonical_service`/`istio.canonical_revision`/`istio.namespace`
 * its app, version and namespace; `http.status_code` (absent when no response was sent),
 * `response_flags` (`-` for none), `upstream_cluster`, `span.kind`, and `error=true` for a 5xx
 * or no response. Spans of other tracers read as far as their tags allow.
 */
import "server-only";
import type { SpanRecord } from "@/server/adapters/tracing";

export interface ProxyIdentity {
  proxy: "sidecar" | "router";
  pod: string;
  namespace: string;
}

export interface EnvoySpanFacts {
  proxy?: "sidecar" | "router";
  pod?: string;
  namespace?: string;
  workload?: string;
  app?: string;
  version?: string;
  kind: "client" | "server" | "unknown";
  httpCode?: number;
  responseFlags?: string;
  upstreamCluster?: string;
  method?: string;
  url?: string;
  requestId?: string;
  error: boolean;
}

export function parseNodeId(nodeId: string | undefined): ProxyIdentity | undefined {
  const parts = nodeId?.split("~");
  if (!parts || parts.length !== 4) return undefined;
  const [type, , podDotNamespace] = parts as [string, string, string, string];
  if (type !== "sidecar" && type !== "router") return undefined;
  // Namespaces have no dots; a pod name may.
  const dot = podDotNamespace.lastIndexOf(".");
  if (dot <= 0) return undefined;
  return { proxy: type, pod: podDotNamespace.slice(0, dot), namespace: podDotNamespace.slice(dot + 1) };
}

/**
 * The workload a pod belongs to, from its name alone (spans carry no owner): a Deployment's pod
 * is `<deployment>-<pod-template-hash>-<5 chars>`, a DaemonSet's or bare ReplicaSet's
 * `<owner>-<5 chars>`, a StatefulSet's `<owner>-<ordinal>` — the rule
 * lib/istio/canonical.ts workloadNameOf applies from the owner reference. Generated parts use
 * Kubernetes' safe alphabet (no vowels, no 0, 1, 3: sim/controllers/hashing.ts mirrors it), so
 * `node-agent` is not read as `node` plus a hash.
 */
const safe = "[bcdfghjklmnpqrstvwxz2456789]";
const podSuffixes = [new RegExp(`^(.+)-${safe}{1,10}-${safe}{5}$`), new RegExp(`^(.+)-${safe}{5}$`), /^(.+)-\d+$/];

export function workloadOfPod(pod: string): string {
  for (const pattern of podSuffixes) {
    const match = pattern.exec(pod);
    if (match?.[1]) return match[1];
  }
  return pod;
}

/** `<app>.<namespace>`, the service name Istio's proxies report to the tracer. */
export function splitJaegerService(service: string): { app: string; namespace?: string } {
  const dot = service.lastIndexOf(".");
  return dot > 0 ? { app: service.slice(0, dot), namespace: service.slice(dot + 1) } : { app: service };
}

export function jaegerServiceOf(app: string, namespace: string): string {
  return `${app}.${namespace}`;
}

const kindOf = (tags: Record<string, string>, operation: string): EnvoySpanFacts["kind"] => {
  const kind = tags["span.kind"];
  if (kind === "client" || kind === "server") return kind;
  // A gateway's routing span is named `router <cluster> egress` and is the client side of its hop.
  if (operation.endsWith(" egress")) return "client";
  return "unknown";
};

export function readEnvoySpan(span: SpanRecord): EnvoySpanFacts {
  const tags = span.tags;
  const identity = parseNodeId(tags.node_id);
  const fromService = splitJaegerService(span.service);
  const code = Number(tags["http.status_code"]);
  const flags = tags.response_flags;
  return {
    proxy: identity?.proxy,
    pod: identity?.pod,
    namespace: identity?.namespace ?? tags["istio.namespace"] ?? fromService.namespace,
    workload: identity ? workloadOfPod(identity.pod) : undefined,
    app: tags["istio.canonical_service"] ?? (identity ? fromService.app : undefined),
    version: tags["istio.canonical_revision"],
    kind: kindOf(tags, span.operation),
    httpCode: Number.isInteger(code) && code > 0 ? code : undefined,
    responseFlags: flags && flags !== "-" ? flags : undefined,
    upstreamCluster: tags.upstream_cluster,
    method: tags["http.method"],
    url: tags["http.url"],
    requestId: tags["guid:x-request-id"],
    error: tags.error === "true",
  };
}
