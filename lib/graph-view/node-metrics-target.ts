/**
 * Which detail-page metrics a graph node's chart reads: the API serves range queries per
 * application, workload or service, over a fixed set of ranges. A versioned-app node reads
 * its workload (one version), an app box its application; nodes outside the cluster's
 * inventory (unknown sources, ServiceEntries, aggregates) have no metrics to read.
 */
import type { InventoryKind } from "@/lib/contracts/inventory";
import { metricRanges } from "@/lib/contracts/metrics";
import type { ViewNode } from "./view-model";

export interface NodeMetricsTarget {
  kind: InventoryKind;
  namespace: string;
  name: string;
  /** Seconds, one of the API's ranges: the smallest that covers the graph's window. */
  range: number;
}

const targets: [ViewNode["kind"], (n: ViewNode) => [InventoryKind, string | undefined]][] = [
  ["versionedApp", (n) => (n.workload ? ["workloads", n.workload] : ["applications", n.app])],
  ["app", (n) => ["applications", n.app]],
  ["box", (n) => ["applications", n.app]],
  ["workload", (n) => ["workloads", n.workload]],
  ["service", (n) => ["services", n.service]],
];

export function rangeFor(windowSeconds: number): number {
  return metricRanges.find((r) => r >= windowSeconds) ?? (metricRanges[metricRanges.length - 1] as number);
}

export function nodeMetricsTarget(node: ViewNode, windowSeconds: number): NodeMetricsTarget | null {
  if (node.isServiceEntry || node.isOutOfMesh) return null;
  const row = targets.find(([kind]) => kind === node.kind);
  if (!row) return null;
  const [kind, name] = row[1](node);
  if (!name || name === "unknown") return null;
  return { kind, namespace: node.namespace, name, range: rangeFor(windowSeconds) };
}
