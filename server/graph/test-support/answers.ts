/**
 * Test support: hand-written Prometheus answers for whole-graph tests. An answer is the
 * samples one metric gives for one reporter and namespace; the sources pick the answer a
 * query asks for (metric, reporter, the namespace it selects, then its label matchers
 * applied as Prometheus would) and record every PromQL asked. Nothing here is recorded
 * from the simulator: each sample is written out in the test that uses it.
 */
import { parseLabelMatchers, type LabelMatcher } from "@/lib/promql-label-matchers";
import type { PromSample } from "@/server/adapters/prometheus";
import type { ClusterState, GraphSources } from "../graph-sources";
import { clusterState } from "./rows";

export interface HandAnswer {
  metric: string;
  reporter: "source" | "destination";
  /** The namespace the query selects: the destination's (destination-reported) or the source's. */
  namespace: string;
  samples: PromSample[];
}

/** "namespace/workload", or "unknown"; app = the workload name without "-vN", version = "vN" or "latest". */
export function peerLabels(side: "source" | "destination", peer: string, cluster = "Kubernetes") {
  const [namespace, workload] = peer === "unknown" ? ["unknown", "unknown"] : (peer.split("/") as [string, string]);
  const m = /^(.*)-(v\d+)$/.exec(workload);
  const labels: Record<string, string> = {
    [`${side}_cluster`]: peer === "unknown" ? "unknown" : cluster,
    [`${side}_workload_namespace`]: namespace,
    [`${side}_workload`]: workload,
    [`${side}_canonical_service`]: m ? (m[1] as string) : workload,
    [`${side}_canonical_revision`]: m ? (m[2] as string) : "latest",
  };
  return labels;
}

/** The destination service labels of "namespace/name" (an FQDN in the cluster). */
export function serviceLabels(service: string) {
  const [namespace, name] = service.split("/") as [string, string];
  return {
    destination_service: `${name}.${namespace}.svc.cluster.local`,
    destination_service_name: name,
    destination_service_namespace: namespace,
  };
}

/** A sample of source → destination through the destination's service (app name), with more labels. */
export function sample(source: string, dest: string, value: number, more: Record<string, string> = {}): PromSample {
  const service =
    dest === "unknown"
      ? {}
      : serviceLabels(`${dest.split("/")[0]}/${/^(.*?)(-v\d+)?$/.exec(dest.split("/")[1] ?? "")?.[1]}`);
  return {
    labels: { ...peerLabels("source", source), ...peerLabels("destination", dest), ...service, ...more },
    value,
  };
}

export const http200 = {
  request_protocol: "http",
  response_code: "200",
  grpc_response_status: "",
  response_flags: "-",
};
export const grpcOk = {
  request_protocol: "grpc",
  response_code: "200",
  grpc_response_status: "0",
  response_flags: "-",
};
export const mtls = { connection_security_policy: "mutual_tls" };

const metricOf = (promql: string) => /(istio_[a-z_]+)\{/.exec(promql)?.[1];

const matcherTests: Record<LabelMatcher["op"], (actual: string, value: string) => boolean> = {
  "=": (actual, value) => actual === value,
  "!=": (actual, value) => actual !== value,
  "=~": (actual, value) => new RegExp(`^(?:${value})$`).test(actual),
  "!~": (actual, value) => !new RegExp(`^(?:${value})$`).test(actual),
};

/**
 * The query's label matchers applied as Prometheus would, to the labels a sample has: a
 * hand-written sample leaves out what the test does not care about (the query scope's
 * `mesh_id`, say), and a label left out is not asked about. `chosenBy`, the namespace label
 * that picked the answer, is the answer's to decide (a test may write another namespace's
 * sample into it on purpose).
 */
function matcherFilter(promql: string, chosenBy: string | undefined): (s: PromSample) => boolean {
  const matchers = (parseLabelMatchers(/istio_[a-z_]+\{([^}]*)\}/.exec(promql)?.[1] ?? "") ?? []).filter(
    (m) => !(m.label === chosenBy && m.op === "="),
  );
  return (s) =>
    matchers.every((m) => {
      const actual = s.labels[m.label];
      return actual === undefined || matcherTests[m.op](actual, m.value);
    });
}

/** The namespace the query selects on its reporter's side, and the label that says it. */
function selectedNamespace(promql: string): { namespace?: string; label: string } {
  const label = promql.includes('reporter="destination"')
    ? "destination_workload_namespace"
    : "source_workload_namespace";
  return { namespace: new RegExp(`${label}="([^"]+)"`).exec(promql)?.[1], label };
}

function protocolFilter(promql: string): (s: PromSample) => boolean {
  if (promql.includes('request_protocol="grpc"')) return (s) => s.labels.request_protocol === "grpc";
  if (promql.includes('request_protocol!="grpc"')) return (s) => s.labels.request_protocol !== "grpc";
  return () => true;
}

export function answeringSources(
  answers: readonly HandAnswer[],
  state: Partial<ClusterState> = {},
): GraphSources & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async queryPrometheus(promql) {
      asked.push(promql);
      const reporter = promql.includes('reporter="destination"') ? "destination" : "source";
      const metric = metricOf(promql);
      const { namespace, label } = selectedNamespace(promql);
      const keep = protocolFilter(promql);
      const matches = matcherFilter(promql, namespace === undefined ? undefined : label);
      // A query that names no namespace of its reporter's side (a node graph's calls out of a
      // node as the callees reported them, calls for a service) reads every answer of its
      // metric and reporter, narrowed by its matchers.
      return answers
        .filter((a) => a.metric === metric && a.reporter === reporter)
        .filter((a) => namespace === undefined || a.namespace === namespace)
        .flatMap((a) => a.samples.filter((s) => keep(s) && matches(s)));
    },
    async existingNamespaces(namespaces) {
      return namespaces;
    },
    async readClusterState(namespaces) {
      return clusterState({ namespaces, ...state });
    },
  };
}
