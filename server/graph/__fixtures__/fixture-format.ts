/**
 * Recorded graph inputs: every PromQL query the engine ran with Prometheus's own JSON answer
 * (`{status, data: {resultType, result}}`), and the cluster state the kube adapter read.
 * Written by scripts/record-graph-fixtures.ts; read by the unit tests through the same
 * zod shapes and reshaping the Prometheus adapter applies to live answers.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { envelope, queryData, reshapeQueryData } from "@/server/adapters/prometheus/prometheus-response";
import type { PromSample } from "@/server/adapters/prometheus";
import type { ClusterState, GraphSources } from "../graph-sources";

export interface GraphFixture {
  description: string;
  recordedAt: string;
  /** End of the recorded window, unix seconds. */
  queryTime: number;
  duration: number;
  namespaces: string[];
  clusterState: ClusterState;
  prometheus: { query: string; response: unknown }[];
}

export const fixturesDir = path.dirname(fileURLToPath(import.meta.url));

export function loadFixture(name: string): GraphFixture {
  return JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), "utf8")) as GraphFixture;
}

export function samplesOf(response: unknown, query: string): PromSample[] {
  const body = envelope.parse(response);
  if (body.status !== "success") throw new Error(`recorded error for ${query}: ${body.error}`);
  const result = reshapeQueryData(queryData.parse(body.data));
  if (result.kind !== "vector") throw new Error(`recorded ${result.kind} for ${query}`);
  return result.samples.map((s) => ({ labels: s.labels, value: s.value }));
}

/**
 * Metrics the graph began to read after the fixtures were recorded (HTTP body bytes for the
 * throughput): their queries answer nothing rather than fail, and the goldens carry no
 * throughput. Re-recording fills them in.
 */
const readSinceRecorded = /^sum\(rate\(istio_(request|response)_bytes_sum\{/;

/** GraphSources answering from a fixture; any other unrecorded query fails loudly, naming it. */
export function fixtureSources(fixture: GraphFixture, overrides: Partial<ClusterState> = {}): GraphSources & { asked: string[] } {
  const answers = new Map(fixture.prometheus.map((p) => [p.query, p.response]));
  const asked: string[] = [];
  return {
    asked,
    async queryPrometheus(promql) {
      asked.push(promql);
      if (!answers.has(promql) && readSinceRecorded.test(promql)) return [];
      if (!answers.has(promql)) throw new Error(`query not in the fixture (re-record with scripts/record-graph-fixtures.ts): ${promql}`);
      return samplesOf(answers.get(promql), promql);
    },
    async existingNamespaces(namespaces) {
      const state = { ...fixture.clusterState, ...overrides };
      return state.namespaces.filter((ns) => namespaces.includes(ns));
    },
    async readClusterState(namespaces) {
      const state = { ...fixture.clusterState, ...overrides };
      return { ...state, namespaces: state.namespaces.filter((ns) => namespaces.includes(ns)) };
    },
  };
}
