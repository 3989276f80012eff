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
  for (const box of nodes.filter((d) => d.isBox)) {
    lines.push(
      `  subgraph ${quote(`cluster_${box.id}`)} {`,
      `    label=${quote(`${box.app ?? ""} (${box.namespace})`)};`,
    );
    for (const member of nodes.filter((d) => d.parent === box.id)) lines.push(nodeLine(member, "    "));
    lines.push("  }");
  }
  const boxIds = new Set(nodes.filter((d) => d.isBox).map((d) => d.id));
  for (const d of nodes) if (!d.isBox && !(d.parent && boxIds.has(d.parent))) lines.push(nodeLine(d, "  "));
  for (const { data: e } of graph.elements.edges) {
    const failing = Number(e.traffic.rates[`${e.traffic.protocol}PercentErr`] ?? 0) > 0;
    lines.push(
      `  ${quote(e.source)} -> ${quote(e.target)} [label=${quote(edgeLabel(e))}${failing ? ', color="#c9190b"' : ""}${e.traffic.protocol === "tcp" ? ", style=dashed" : ""}];`,
    );
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
