"use client";

/**
 * A small graph of the item: its node graph (the item, its callers and what it calls, from
 * the node graph API), drawn by the graph page's canvas. Clicking a node opens its detail page.
 * Readable at its size: tall enough that fitting a few callers keeps the canvas' labels
 * above the size where it drops them (components/graph/cy-stylesheet.ts
 * `min-zoomed-font-size`), and zoom buttons for a busier neighbourhood.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTheme } from "next-themes";
import { useMemo, useRef, useState } from "react";
import type { GraphType } from "@/lib/contracts/graph";
import type { InventoryKind } from "@/lib/contracts/inventory";
import { nodeTargetOfItem } from "@/lib/contracts/node-graph";
import { nodeDetailPages } from "@/lib/graph-view/node-detail";
import { formatNodeTarget, isNodeOfTarget } from "@/lib/graph-view/node-target";
import type { ViewNode } from "@/lib/graph-view/view-model";
import { computeVisibility } from "@/lib/graph-view/visibility";
import { useGraph } from "@/lib/queries/graph";
import { GraphCanvas, type GraphCanvasHandle, type GraphSelection } from "@/components/graph/graph-canvas";
import { detailHref, graphHref } from "./links";

/** How each kind's graph is drawn (a service's: callers → service → workloads). */
const graphTypeOf: Record<InventoryKind, GraphType> = {
  workloads: "workload",
  services: "service",
  applications: "versionedApp",
};

/** The graph page's zoom steps (components/graph/use-graph-keys.ts), as buttons. */
const zoomButtons: { label: string; text: string; run: (c: GraphCanvasHandle | null) => void }[] = [
  { label: "Zoom in", text: "+", run: (c) => c?.zoomBy(1.25) },
  { label: "Zoom out", text: "−", run: (c) => c?.zoomBy(0.8) },
  { label: "Fit to view", text: "Fit", run: (c) => c?.fit() },
];

function detailOf(node: ViewNode): string | undefined {
  const [page] = nodeDetailPages(node);
  return page && detailHref(page.kind, page.namespace, page.name);
}

export function FocusedGraph({ kind, namespace, name }: { kind: InventoryKind; namespace: string; name: string }) {
  const graphType = graphTypeOf[kind];
  const target = useMemo(() => nodeTargetOfItem(kind, namespace, name), [kind, namespace, name]);
  const query = useGraph({ namespaces: [namespace], graphType, duration: 600, idleNodes: false, node: target }, 30_000);
  const router = useRouter();
  const { resolvedTheme } = useTheme();
  const [selection, setSelection] = useState<GraphSelection>(null);
  const canvas = useRef<GraphCanvasHandle>(null);
  const graph = query.data;
  const focus = graph?.nodes.find((n) => isNodeOfTarget(n, target));
  const visibility = useMemo(
    () => (graph && focus ? computeVisibility(graph, { hide: null, find: null, focus: focus.id }) : undefined),
    [graph, focus],
  );

  let body: React.ReactNode;
  if (query.isPending)
    body = (
      <p role="status" className="p-3 text-sm text-slate-500">
        Drawing the graph…
      </p>
    );
  else if (query.isError)
    body = (
      <p role="alert" className="p-3 text-sm text-bad">
        {query.error.message}
      </p>
    );
  else if (!graph || !focus || !visibility)
    body = <p className="p-3 text-sm text-slate-500">No traffic to or from {name} in the last 10 minutes.</p>;
  else
    body = (
      <div className="absolute inset-0">
        <GraphCanvas
          ref={canvas}
          graph={graph}
          visibility={visibility}
          edgeLabels="requestRate"
          animate={false}
          security={false}
          theme={resolvedTheme === "dark" ? "dark" : "light"}
          selection={selection ?? { kind: "node", id: focus.id }}
          onSelect={(s) => {
            setSelection(s);
            const node = s?.kind === "node" ? graph.nodeById.get(s.id) : undefined;
            const href = node && detailOf(node);
            if (href && node.id !== focus.id) router.push(href);
          }}
          onNodeMenu={() => undefined}
        />
      </div>
    );

  return (
    <section aria-labelledby="focused-graph-heading" className="space-y-2">
      <div className="flex items-baseline justify-between">
        <h2 id="focused-graph-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Graph
        </h2>
        <Link
          href={`${graphHref([namespace])}&graphType=${graphType}&focus=${encodeURIComponent(formatNodeTarget(target))}`}
          className="text-sm text-sky-700 hover:underline dark:text-sky-300"
        >
          Open in the graph page
        </Link>
      </div>
      <div
        role="region"
        aria-label={`Graph focused on ${name}`}
        className="relative h-[26rem] overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      >
        {body}
        {focus && visibility && (
          <div role="group" aria-label="Zoom" className="absolute right-2 top-2 flex gap-1">
            {zoomButtons.map((b) => (
              <button
                key={b.label}
                type="button"
                aria-label={b.label}
                title={b.label}
                onClick={() => b.run(canvas.current)}
                className="h-7 min-w-7 rounded border border-slate-300 bg-white/90 px-1.5 text-sm text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900/90 dark:text-slate-200 dark:hover:bg-slate-800"
              >
                {b.text}
              </button>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
