/**
 * The graph as Graphviz DOT (`format=dot`): app boxes as clusters, nodes labelled with what
 * they stand for, edges with their rate and error %, so `dot -Tsvg` draws a readable map.
 */
import "server-only";
import type { GraphEdgeData, GraphNodeData, GraphResponse } from "@/lib/contracts/graph";

const quote = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;

const nodeColors: Record<string, string> = {
  healthy: "#3e8635",
  degraded: "#f0ab00",
  failure: "#c9190b",
  na: "#6a6e73",
};

function nodeLabel(d: GraphNodeData): string {
  const name =
    d.nodeType === "service"
      ? d.service
      : d.nodeType === "workload"
        ? d.workload
        : d.nodeType === "unknown"
          ? "unknown"
          : [d.app, d.version].filter(Boolean).join(" ");
  const marks = [
    d.isGateway && "gateway",
    d.isIdle && "idle",
    d.isDead && "no pods",
    d.hasMissingSC && "missing sidecar",
    d.isServiceEntry && "external",
    d.hasVS && "VS",
  ].filter(Boolean);
  return [`${name ?? d.id}`, d.nodeType === "unknown" ? "" : d.namespace, marks.length ? `(${marks.join(", ")})` : ""]
    .filter(Boolean)
    .join("\n");
}

function edgeLabel(e: GraphEdgeData): string {
  const { protocol, rates } = e.traffic;
  if (protocol === "tcp") return `${rates.tcp ?? "0.00"} B/s`;
  const lines = [`${rates[protocol] ?? "0.00"} rps`];
  const err = rates[`${protocol}PercentErr`];
  if (err) lines.push(`${err}% err`);
  if (e.responseTime) lines.push(`${e.responseTime} ms`);
  return lines.join("\n");
}

const boxLabel = (d: GraphNodeData): string =>
  d.isBox === "cluster" ? d.cluster : d.isBox === "namespace" ? d.namespace : `${d.app ?? ""} (${d.namespace})`;

export function toDot(graph: GraphResponse): string {
  const lines = [
    `digraph ${quote(`topsail ${graph.graphType}`)} {`,
    "  rankdir=LR;",
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="sans-serif"];',
    '  edge [fontname="sans-serif", fontsize=10];',
  ];
  const nodes = graph.elements.nodes.map((n) => n.data);
  const nodeLine = (d: GraphNodeData, indent: string) =>
    `${indent}${quote(d.id)} [label=${quote(nodeLabel(d))}, color=${quote(nodeColors[d.healthData?.status ?? "na"] ?? "#6a6e73")}${d.isIdle ? ", style=dashed" : ""}];`;
  // Boxes nest (cluster ⊃ namespace ⊃ app, boxBy): each is a subgraph holding its members.
  const boxIds = new Set(nodes.filter((d) => d.isBox).map((d) => d.id));
  const membersOf = new Map<string | undefined, GraphNodeData[]>();
  for (const d of nodes) {
    const parent = d.parent && boxIds.has(d.parent) ? d.parent : undefined;
    membersOf.set(parent, [...(membersOf.get(parent) ?? []), d]);
  }
  const write = (d: GraphNodeData, indent: string): void => {
    if (!d.isBox) {
      lines.push(nodeLine(d, indent));
      return;
    }
    lines.push(`${indent}subgraph ${quote(`cluster_${d.id}`)} {`, `${indent}  label=${quote(boxLabel(d))};`);
    for (const member of membersOf.get(d.id) ?? []) write(member, `${indent}  `);
    lines.push(`${indent}}`);
  };
  for (const d of membersOf.get(undefined) ?? []) write(d, "  ");
  for (const { data: e } of graph.elements.edges) {
    const failing = Number(e.traffic.rates[`${e.traffic.protocol}PercentErr`] ?? 0) > 0;
    lines.push(
      `  ${quote(e.source)} -> ${quote(e.target)} [label=${quote(edgeLabel(e))}${failing ? ', color="#c9190b"' : ""}${e.traffic.protocol === "tcp" ? ", style=dashed" : ""}];`,
    );
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
