"use client";

/**
 * The node panel's "Why these response flags": the explanation of everything the node
 * received (GET /api/namespaces/{ns}/graph/explain-node, the graph's window), rendered with the
 * edge panel's body, and under each flag the callers its share came from — a caller the graph
 * draws opens its edge, whose panel explains that edge alone.
 */
import type { FlagCaller, NodeFlagExplanation, NodeFlagExplanationQuery } from "@/lib/contracts/flag-explanation";
import { formatPercent } from "@/lib/graph-view/edge-labels";
import { callerEdgeId } from "@/lib/graph-view/flag-explanation-target";
import type { ViewGraph, ViewNode } from "@/lib/graph-view/view-model";
import { useNodeFlagExplanation } from "@/lib/queries/flag-explanation";
import { FlagExplanationBody } from "./flag-explanation-section";
import { PanelSection } from "./panel-parts";

const callerName = (c: FlagCaller) =>
  c.workload === "unknown" ? "unknown (no proxy)" : `${c.workload} (${c.namespace})`;

function Callers({
  flag,
  node,
  graph,
  onSelectEdge,
}: {
  flag: NodeFlagExplanation;
  node: ViewNode;
  graph: ViewGraph;
  onSelectEdge: (id: string) => void;
}) {
  if (flag.callers.length === 0) return null;
  return (
    <div data-testid="flag-callers">
      <p className="text-slate-600 dark:text-slate-300">From:</p>
      <ul className="space-y-0.5 pl-4">
        {flag.callers.map((c) => {
          const edge = callerEdgeId(c, node, graph);
          const through = c.service.name === node.service ? "" : ` via ${c.service.name}`;
          const text = `${callerName(c)}${through}`;
          return (
            <li key={`${c.namespace}/${c.workload} ${c.service.namespace}/${c.service.name}`} className="flex gap-2">
              {edge ? (
                <button
                  type="button"
                  onClick={() => onSelectEdge(edge)}
                  className="text-left text-sky-700 underline dark:text-sky-400"
                  title="Open this caller's edge and its own explanation"
                >
                  {text}
                </button>
              ) : (
                <span>{text}</span>
              )}
              <span className="tabular-nums">{formatPercent(c.percent)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function NodeFlagExplanationSection({
  query,
  node,
  graph,
  onSelectEdge,
}: {
  query: NodeFlagExplanationQuery;
  node: ViewNode;
  graph: ViewGraph;
  onSelectEdge: (id: string) => void;
}) {
  const explanation = useNodeFlagExplanation(query);
  return (
    <PanelSection title="Why these response flags">
      <p className="text-sm text-slate-600 dark:text-slate-400">Shares of all the requests this node received.</p>
      <FlagExplanationBody
        explanation={explanation}
        more={(flag) => <Callers flag={flag} node={node} graph={graph} onSelectEdge={onSelectEdge} />}
      />
    </PanelSection>
  );
}
