"use client";

/**
 * The graph page: URL state → query → view model → visibility → canvas, panel and lists.
 * This component owns the wiring only; each piece below takes props.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useTheme } from "next-themes";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { tryParseExpression } from "@/lib/graph-view/expression/parse";
import type { Point } from "@/lib/graph-view/layout";
import { formatNodeTarget, isNodeOfTarget, nodeTargetOf, parseNodeTarget } from "@/lib/graph-view/node-target";
import { labelOf, windowOptions } from "@/lib/graph-view/options";
import { traceHighlight } from "@/lib/graph-view/trace-highlight";
import { computeVisibility } from "@/lib/graph-view/visibility";
import { graphExportFileName } from "@/lib/graph-view/export-files";
import { graphQuery, graphUrl, type GraphParams } from "@/lib/queries/graph";
import { downloadFile } from "@/components/download-file";
import { graphCompareUrl, useGraphComparison } from "@/lib/queries/graph-compare";
import { prepareGraphLayout } from "@/lib/queries/graph-layout";
import { useTrace } from "@/lib/queries/tracing";
import { CompareBar } from "./compare-bar";
import { CanvasControls } from "./canvas-controls";
import { GraphCanvas, type DrawnSummary, type GraphCanvasHandle, type GraphSelection } from "./graph-canvas";
import { GraphElementList } from "./graph-element-list";
import { GraphLegend } from "./graph-legend";
import { ErrorNotice, LoadingNotice, NoNamespaceNotice, NoSidecarBanner, NoTrafficNotice } from "./graph-notice";
import { GraphToolbar } from "./graph-toolbar";
import type { NodeMenuContext } from "./node-menu-items";
import { TracePathNotice } from "./trace-path-notice";
import { focusOnPointer, graphKeyHint, handleGraphKey } from "./use-graph-keys";
import { useGraphUrlState } from "./use-graph-url-state";
import { useReducedMotion } from "./use-reduced-motion";

const listOpenUpTo = 300;

/*
 * What the first picture does not show loads after it: the side panels (their charts are
 * most of the page's script), the node menu, the comparison's list and the window's changes.
 * Evaluating them before the graph is asked for cost the first paint ~50 ms
 * (bench/graph-first-paint.bench.ts); once the graph is drawn they are fetched at once, so a
 * click finds them loaded.
 */
const loadNodePanel = () => import("./node-panel");
const loadEdgePanel = () => import("./edge-panel");
const loadNodeContextMenu = () => import("./node-context-menu");
const loadCompareChanges = () => import("./compare-changes");
const loadWindowChanges = () => import("@/components/changes/window-changes");
// ssr: false renders them in the browser only, each in its own Suspense boundary, so one that
// is still loading leaves the rest of the page up.
const NodePanel = dynamic(() => loadNodePanel().then((m) => m.NodePanel), { ssr: false });
const EdgePanel = dynamic(() => loadEdgePanel().then((m) => m.EdgePanel), { ssr: false });
const NodeContextMenu = dynamic(() => loadNodeContextMenu().then((m) => m.NodeContextMenu), { ssr: false });
const CompareChanges = dynamic(() => loadCompareChanges().then((m) => m.CompareChanges), { ssr: false });
const WindowChanges = dynamic(() => loadWindowChanges().then((m) => m.WindowChanges), { ssr: false });
const loadAfterFirstPicture = () =>
  Promise.all([loadNodePanel(), loadEdgePanel(), loadNodeContextMenu(), loadCompareChanges(), loadWindowChanges()]);

export function GraphView() {
  const [state, update] = useGraphUrlState();
  // While the graph is asked for, so its layout request can go out the moment it arrives.
  useEffect(() => prepareGraphLayout(), []);
  const reducedMotion = useReducedMotion();
  const { resolvedTheme } = useTheme();
  // Compare mode (state.compare): the two windows around a moment replace the live graph.
  const comparing = state.compare > 0;
  // Focused, the page reads the node's graph (its callers and what it calls), not the namespaces'.
  const focusTarget = useMemo(() => parseNodeTarget(state.focus), [state.focus]);
  const graphParams: GraphParams = {
    namespaces: state.namespaces,
    graphType: state.graphType,
    duration: state.duration,
    idleNodes: state.idleNodes,
    rates: { http: state.rateHttp, grpc: state.rateGrpc, tcp: state.rateTcp },
    node: focusTarget,
  };
  const live = useQuery({
    ...graphQuery(graphParams, state.refresh),
    enabled: !comparing && (state.namespaces.length > 0 || focusTarget !== undefined),
  });
  const compareParams = comparing
    ? {
        namespaces: state.namespaces,
        graphType: state.graphType,
        duration: state.duration,
        before: state.compare,
        after: state.compare + state.duration,
      }
    : null;
  const compared = useGraphComparison(compareParams);
  const query = comparing ? compared : live;
  const graph = comparing ? compared.data?.graph : live.data;
  const focusNode = focusTarget ? graph?.nodes.find((n) => isNodeOfTarget(n, focusTarget)) : undefined;
  const canvas = useRef<GraphCanvasHandle>(null);
  const [selection, setSelection] = useState<GraphSelection>(null);
  const [menu, setMenu] = useState<{ id: string; at: Point; returnFocus: HTMLElement | null } | null>(null);
  const openMenu = useCallback((id: string, at: Point) => {
    setMenu({ id, at, returnFocus: document.activeElement instanceof HTMLElement ? document.activeElement : null });
  }, []);
  const [drawn, setDrawn] = useState<DrawnSummary | null>(null);
  // The list is open by default on graphs a person can read as a list; on big ones it is
  // rendered only when opened, so it does not delay the first picture.
  const [listOpen, setListOpen] = useState<boolean | null>(null);

  const hide = useMemo(() => tryParseExpression(state.hide), [state.hide]);
  const find = useMemo(() => tryParseExpression(state.find), [state.find]);
  const visibility = useMemo(
    () =>
      graph
        ? computeVisibility(graph, {
            hide: hide.ok ? hide.expr : null,
            find: find.ok ? find.expr : null,
            // Until the node's graph arrives the previous graph stays up, focused the old way.
            focus: focusNode?.id,
          })
        : {
            hiddenNodes: new Set<string>(),
            hiddenEdges: new Set<string>(),
            foundNodes: new Set<string>(),
            foundEdges: new Set<string>(),
          },
    [graph, hide, find, focusNode?.id],
  );

  const trace = useTrace(state.trace, state.trace !== "");
  const highlight = useMemo(
    () => (graph && trace.data ? traceHighlight(graph, trace.data.path) : null),
    [graph, trace.data],
  );

  const queryClient = useQueryClient();
  const menuContext: NodeMenuContext = useMemo(
    () => ({
      queryClient,
      showDetails: (id) => setSelection({ kind: "node", id }),
      focusOn: (id) => {
        const node = graph?.nodeById.get(id);
        const target = node && nodeTargetOf(node);
        if (target) update({ focus: formatNodeTarget(target) });
      },
    }),
    [update, graph, queryClient],
  );
  const openMenuForSelection = useCallback(() => {
    if (selection?.kind !== "node") return;
    const at = canvas.current?.screenPositionOf(selection.id);
    if (at) openMenu(selection.id, at);
  }, [selection, openMenu]);

  const leaves = graph?.nodes.filter((n) => n.kind !== "box") ?? [];
  const inside = leaves.filter((n) => !n.isOutside && state.namespaces.includes(n.namespace));
  const noSidecars = inside.length > 0 && inside.every((n) => n.badges.includes("missingSidecar") || n.isOutOfMesh);
  const longer = windowOptions.find((o) => o.value > state.duration);
  const selectedNode = selection?.kind === "node" ? graph?.nodeById.get(selection.id) : undefined;
  const selectedEdge = selection?.kind === "edge" ? graph?.edges.find((e) => e.id === selection.id) : undefined;

  const phase =
    state.namespaces.length === 0
      ? "no-namespaces"
      : query.isPending
        ? "loading"
        : !graph
          ? "error"
          : leaves.length === 0
            ? "empty"
            : drawn
              ? "drawn"
              : "drawing";

  const pictured = phase !== "loading" && phase !== "drawing";
  useEffect(() => {
    if (pictured) void loadAfterFirstPicture();
  }, [pictured]);

  let notice: React.ReactNode = null;
  if (phase === "no-namespaces") notice = <NoNamespaceNotice />;
  else if (phase === "loading") notice = <LoadingNotice />;
  else if (phase === "error" && query.error)
    notice = <ErrorNotice error={query.error} onRetry={() => query.refetch()} />;
  else if (phase === "empty")
    notice = (
      <NoTrafficNotice
        namespaces={state.namespaces}
        windowLabel={labelOf(windowOptions, state.duration)}
        idleNodes={state.idleNodes}
        onShowIdle={() => update({ idleNodes: true })}
        onLongerWindow={longer ? () => update({ duration: longer.value }) : undefined}
      />
    );

  return (
    <div
      className="flex h-[calc(100vh-3.5rem-3rem)] min-h-[32rem] flex-col gap-3"
      data-testid="graph-view"
      data-graph-state={phase}
      data-node-count={drawn?.nodes ?? 0}
      data-edge-count={drawn?.edges ?? 0}
      data-hidden-nodes={drawn?.hiddenNodes ?? 0}
      data-edge-labels={state.edgeLabels}
    >
      <div className="flex items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">Graph</h1>
        {graph && (
          <p className="text-xs text-slate-500" aria-live="polite">
            {leaves.length} nodes, {graph.edges.length} edges · {labelOf(windowOptions, graph.duration)} up to{" "}
            {new Date(graph.timestamp * 1000).toLocaleTimeString()}
            {query.isFetching ? " · updating…" : ""}
          </p>
        )}
      </div>
      <GraphToolbar
        state={state}
        onChange={update}
        onRefresh={() => query.refetch()}
        refreshing={query.isFetching}
        reducedMotion={reducedMotion}
        exports={
          graph && !comparing
            ? {
                apiHref: (format) => graphUrl(graphParams, format),
                fileName: (format) =>
                  graphExportFileName({ namespaces: state.namespaces, focus: state.focus }, graph.timestamp, format),
                onImage: async (format) => {
                  const blob = await canvas.current?.exportImage(format);
                  if (!blob) throw new Error("the graph is not drawn yet");
                  downloadFile(
                    graphExportFileName({ namespaces: state.namespaces, focus: state.focus }, graph.timestamp, format),
                    blob,
                  );
                },
              }
            : undefined
        }
      />
      <CompareBar
        compare={state.compare}
        duration={state.duration}
        downloadHref={compareParams ? graphCompareUrl(compareParams, false) : undefined}
        onCompare={(at) => update({ compare: at })}
        onExit={() => update({ compare: 0 })}
      />
      {noSidecars && <NoSidecarBanner namespaces={state.namespaces} />}
      {graph && query.isError && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          The last refresh failed ({query.error.message}); showing the previous graph.
        </p>
      )}
      <div className="flex min-h-0 flex-1 gap-3">
        <div className="relative min-w-0 flex-1 overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          {graph && leaves.length > 0 && (
            <div
              role="region"
              aria-label="Service graph canvas"
              aria-describedby="graph-key-hint"
              tabIndex={0}
              className="absolute inset-0"
              onMouseDown={focusOnPointer}
              onKeyDown={(e) =>
                handleGraphKey(e, { canvas, clearSelection: () => setSelection(null), openMenu: openMenuForSelection })
              }
            >
              <GraphCanvas
                ref={canvas}
                graph={graph}
                visibility={visibility}
                edgeLabels={state.edgeLabels}
                animate={state.animate}
                security={state.security}
                theme={resolvedTheme === "dark" ? "dark" : "light"}
                selection={selection}
                highlight={highlight}
                onSelect={setSelection}
                onNodeMenu={openMenu}
                onDrawn={setDrawn}
              />
            </div>
          )}
          {graph && leaves.length > 0 && <CanvasControls canvas={canvas} />}
          {notice && <div className="absolute inset-0">{notice}</div>}
          {state.trace && (
            <TracePathNotice
              traceId={state.trace}
              highlight={highlight}
              hops={trace.data?.path.hops.length}
              error={trace.error}
              onClear={() => update({ trace: "" })}
            />
          )}
          {focusTarget && (
            <div className="absolute left-2 top-2 flex items-center gap-2 rounded-md bg-sky-100 px-2 py-1 text-sm text-sky-950 dark:bg-sky-900 dark:text-sky-50">
              Focused on {focusNode?.title ?? state.focus}
              <button
                type="button"
                onClick={() => update({ focus: "" })}
                className="rounded border border-sky-400 px-1.5 text-xs hover:bg-sky-200 dark:hover:bg-sky-800"
              >
                Show all
              </button>
            </div>
          )}
          {graph && leaves.length > 0 && (
            <p
              id="graph-key-hint"
              className="absolute bottom-2 right-2 rounded bg-white/80 px-2 py-0.5 text-xs text-slate-600 dark:bg-slate-900/80 dark:text-slate-400"
            >
              Keys on the graph: {graphKeyHint}
            </p>
          )}
          <details className="absolute bottom-2 left-2 max-w-[min(44rem,calc(100%-1rem))] rounded-md border border-slate-200 bg-white/95 px-2 py-1 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900/95">
            <summary className="cursor-pointer select-none text-xs font-medium">Legend</summary>
            <div className="pt-2">
              <GraphLegend security={state.security} theme={resolvedTheme === "dark" ? "dark" : "light"} />
            </div>
          </details>
        </div>
        <aside
          aria-label="Graph details"
          className="flex w-80 shrink-0 flex-col gap-4 overflow-y-auto rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
        >
          {compared.data && comparing && (
            <CompareChanges comparison={compared.data.comparison} selection={selection} onSelect={setSelection} />
          )}
          {selectedNode && graph && (
            <NodePanel node={selectedNode} graph={graph} onSelectEdge={(id) => setSelection({ kind: "edge", id })} />
          )}
          {selectedEdge && graph && (
            <EdgePanel edge={selectedEdge} graph={graph} onSelectNode={(id) => setSelection({ kind: "node", id })} />
          )}
          {selection && !selectedNode && !selectedEdge && (
            <p className="text-sm text-slate-600">The selected element is no longer in the graph.</p>
          )}
          {!selection && graph && leaves.length > 0 && (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Select a node or an edge, on the graph or in the list below, to see its traffic.
            </p>
          )}
          {/* Only beside a graph that loaded: a namespace the viewer may not see has no changes to list either.
              Not while the first graph is drawn: its requests would wait behind the layout's on the server and
              then share the page's main thread with Cytoscape. */}
          {graph && pictured && state.namespaces.length > 0 && (
            <WindowChanges namespaces={state.namespaces} seconds={state.duration} />
          )}
          {graph && leaves.length > 0 && (
            <details
              open={listOpen ?? leaves.length <= listOpenUpTo}
              onToggle={(e) => setListOpen(e.currentTarget.open)}
              className="border-t border-slate-200 pt-2 dark:border-slate-800"
            >
              <summary className="cursor-pointer text-sm font-medium">Nodes and edges</summary>
              <div className="pt-2">
                {(listOpen ?? leaves.length <= listOpenUpTo) && (
                  <GraphElementList
                    graph={graph}
                    visibility={visibility}
                    edgeLabels={state.edgeLabels}
                    security={state.security}
                    selection={selection}
                    highlight={highlight}
                    onSelect={setSelection}
                    onOpenMenu={openMenu}
                  />
                )}
              </div>
            </details>
          )}
        </aside>
      </div>
      <NodeContextMenu
        node={menu ? graph?.nodeById.get(menu.id) : undefined}
        at={menu?.at ?? null}
        context={menuContext}
        onClose={() => setMenu(null)}
        returnFocus={menu?.returnFocus}
      />
    </div>
  );
}
