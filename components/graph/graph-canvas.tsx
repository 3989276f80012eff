"use client";

/**
 * The Cytoscape canvas. Props in, events out; the one thing it fetches is the layout
 * (ELK, lib/graph-view/layout.ts, run by the server: lib/queries/graph-layout.ts), asked only
 * when a graph brings nodes not drawn before. Each new graph is applied as a diff in one
 * `cy.batch` (remove gone elements, update kept ones, add new ones at positions from
 * placeNodes), so a refresh keeps the picture still and costs one redraw. The effects that
 * style elements wait for the graph to be applied (`applied`), not merely received.
 * The canvas is not accessible by itself: GraphElementList mirrors it for keyboards and
 * screen readers.
 */
import cytoscape from "cytoscape";
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from "react";
import type { EdgeLabelMode } from "@/lib/graph-view/options";
import { needsLayout, placeNodes } from "@/lib/graph-view/positions";
import { toSegments } from "@/lib/graph-view/edge-route";
import type { LayoutNode, LayoutResult, Point } from "@/lib/graph-view/layout";
import { fetchGraphLayout } from "@/lib/queries/graph-layout";
import { markPaint } from "@/lib/graph-view/paint-marks";
import type { ViewGraph } from "@/lib/graph-view/view-model";
import type { TraceHighlight } from "@/lib/graph-view/trace-highlight";
import type { Visibility } from "@/lib/graph-view/visibility";
import type { ImageFormat } from "@/lib/graph-view/export-files";
import { canvasImage } from "./canvas-image";
import { edgeClasses, edgeData, nodeElements } from "./cy-elements";
import { withQuietStyleCaches } from "./quiet-style-caches";
import { buildStylesheet, edgeColoursOf, palettes } from "./cy-stylesheet";
import { startTrafficAnimation } from "./traffic-animation";
import { useReducedMotion } from "./use-reduced-motion";

export type GraphSelection = { kind: "node" | "edge"; id: string } | null;

export interface GraphCanvasHandle {
  fit(): void;
  zoomBy(factor: number): void;
  panBy(dx: number, dy: number): void;
  relayout(): void;
  /** Where a node is on screen (viewport pixels), to anchor its menu. */
  screenPositionOf(id: string): Point | undefined;
  /** The whole graph as drawn, as an image file (canvas-image.ts). */
  exportImage(format: ImageFormat): Promise<Blob | undefined>;
}

export interface DrawnSummary {
  nodes: number;
  edges: number;
  hiddenNodes: number;
  hiddenEdges: number;
}

export interface GraphCanvasProps {
  graph: ViewGraph;
  visibility: Visibility;
  edgeLabels: EdgeLabelMode;
  animate: boolean;
  /** The Security display: mTLS and partial-mTLS edges carry their markers. */
  security: boolean;
  theme: "light" | "dark";
  selection: GraphSelection;
  /** A trace's path: lit elements get `traced` (failed hops `traced-error`), all others `dimmed`. */
  highlight?: TraceHighlight | null;
  onSelect: (selection: GraphSelection) => void;
  onNodeMenu: (id: string, at: Point) => void;
  /** Called after the canvas has rendered a change, with what it shows. */
  onDrawn?: (summary: DrawnSummary) => void;
  ref?: Ref<GraphCanvasHandle>;
}

const largeGraph = 400;

/** What the layout needs of each drawn node (boxes are derived from their children). */
const layoutNodesOf = (graph: ViewGraph): LayoutNode[] =>
  graph.nodes
    .filter((n) => n.kind !== "box")
    .map((n) => ({ id: n.id, group: n.parent, namespace: n.namespace, label: n.label, order: n.version }));

/** Namespace boxes are the canvas's own: hidden when everything in them is. */
function hideEmptyNamespaceBoxes(cy: cytoscape.Core) {
  cy.nodes(".namespace-box").forEach((box) => {
    const empty = box.children().not(".hidden").empty();
    if (box.hasClass("hidden") !== empty) box.toggleClass("hidden", empty);
  });
}

/** Long edges follow ELK's route while both their ends stay where the layout put them. */
function applyRoutes(cy: cytoscape.Core, layout: LayoutResult) {
  cy.edges().forEach((edge) => {
    const route = layout.routes.get(edge.id());
    const source = layout.positions.get(edge.source().id());
    const target = layout.positions.get(edge.target().id());
    const segments = route && source && target ? toSegments(source, target, route) : undefined;
    if (segments) {
      edge.data({ segmentWeights: segments.weights, segmentDistances: segments.distances });
      edge.addClass("routed");
    } else edge.removeClass("routed");
  });
}

export function GraphCanvas(props: GraphCanvasProps) {
  const { graph, visibility, edgeLabels, animate, security, theme, selection, highlight, ref } = props;
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  /** The graph the canvas shows, once laid out and applied. */
  const [applied, setApplied] = useState<ViewGraph | null>(null);
  // Followed live: turning reduced motion on in the system stops a running animation.
  const reducedMotion = useReducedMotion();
  // Latest callbacks without re-binding Cytoscape's listeners on each render.
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });

  const reportDrawn = () => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.one("render", () => {
      markPaint("canvas-rendered");
      const nodes = cy.nodes().not(".box");
      callbacks.current.onDrawn?.({
        nodes: nodes.length,
        edges: cy.edges().length,
        hiddenNodes: nodes.filter(".hidden").length,
        hiddenEdges: cy.edges(".hidden").length,
      });
    });
  };

  // The first graph's layout is asked before Cytoscape is created (tens of ms on a big page):
  // layout effects run before the effects below, and the apply effect's own request for the
  // same nodes is answered by this one (fetchGraphLayout).
  useLayoutEffect(() => {
    if (!cyRef.current) fetchGraphLayout(layoutNodesOf(graph), graph.edges).catch(() => undefined);
  }, [graph]);

  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: buildStylesheet(palettes.light),
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: "single",
    });
    cy.on("tap", (event) => {
      const target = event.target as cytoscape.Core | cytoscape.SingularElementReturnValue;
      if (target === cy) return callbacks.current.onSelect(null);
      const el = target as cytoscape.SingularElementReturnValue;
      // A namespace box is a frame, not a graph node: it has no panel.
      if (el.hasClass("namespace-box")) return callbacks.current.onSelect(null);
      callbacks.current.onSelect({ kind: el.isNode() ? "node" : "edge", id: el.id() });
    });
    // A routed edge's bends were computed for where the layout put its ends.
    cy.on("drag", "node", (event) => {
      const node = event.target as cytoscape.NodeSingular;
      node.union(node.descendants()).connectedEdges(".routed").removeClass("routed");
    });
    cy.on("cxttap", "node", (event) => {
      const node = event.target as cytoscape.NodeSingular;
      if (node.hasClass("namespace-box")) return;
      const box = container.current?.getBoundingClientRect();
      const rp = event.renderedPosition ?? node.renderedPosition();
      callbacks.current.onNodeMenu(node.id(), { x: (box?.left ?? 0) + rp.x, y: (box?.top ?? 0) + rp.y });
    });
    cyRef.current = cy;
    return () => {
      cy.destroy();
      cyRef.current = null;
    };
  }, []);

  useEffect(() => {
    cyRef.current?.style(buildStylesheet(palettes[theme]));
  }, [theme]);

  // Apply a new graph (or label mode, or security display) as a diff, after laying out the nodes it brings.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    let cancelled = false;
    const edgeColours = edgeColoursOf(theme);
    const leaves = layoutNodesOf(graph);
    const previous = new Map<string, Point>();
    cy.nodes()
      .not(".box")
      .forEach((n) => {
        previous.set(n.id(), { ...n.position() });
      });
    const firstDraw = cy.elements().length === 0 || ![...previous.keys()].some((id) => graph.nodeById.has(id));
    const apply = (layout: LayoutResult | undefined) => {
      if (cancelled) return;
      markPaint("canvas-start");
      const placed = placeNodes({
        nodes: leaves,
        edges: graph.edges,
        previous: firstDraw ? new Map() : previous,
        ideal: layout?.positions ?? new Map(),
      });
      const wanted = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
      const elements = nodeElements(graph.nodes);
      for (const el of elements) wanted.add(el.data.id);
      const large = graph.nodes.length + graph.edges.length > largeGraph;
      // Hidden/found classes go in with the element, so a new graph is styled once, not twice.
      const vis = callbacks.current.visibility;
      const nodeVis = (id: string) => [
        ...(vis.hiddenNodes.has(id) ? ["hidden"] : []),
        ...(vis.foundNodes.has(id) ? ["found"] : []),
      ];
      const edgeVis = (id: string) => [
        ...(vis.hiddenEdges.has(id) ? ["hidden"] : []),
        ...(vis.foundEdges.has(id) ? ["found"] : []),
      ];

      const draw = () => {
        cy.batch(() => {
          if (firstDraw) cy.elements().remove();
          else
            cy.elements()
              .filter((el) => !wanted.has(el.id()))
              .remove();
          const toAdd: cytoscape.ElementDefinition[] = [];
          for (const { data, classes } of elements) {
            // On a first draw every element is new: skip the per-id lookups (each makes a collection).
            const found = firstDraw ? undefined : cy.getElementById(data.id);
            if (found?.nonempty()) {
              // Namespace boxes come and go with the namespaces drawn: re-parent what moved.
              const existing =
                (found.data("parent") ?? null) === (data.parent ?? null)
                  ? found.nodes()
                  : found.nodes().move({ parent: data.parent ?? null });
              existing.data(data);
              existing.classes([...classes, ...nodeVis(data.id)]);
            } else {
              toAdd.push({
                group: "nodes",
                data,
                classes: [...classes, ...nodeVis(data.id)],
                position: placed.get(data.id),
              });
            }
          }
          for (const e of graph.edges) {
            const data = edgeData(e, edgeLabels, edgeColours, security);
            const existing = firstDraw ? undefined : cy.getElementById(e.id);
            if (existing?.nonempty()) {
              const routed = existing.hasClass("routed") ? ["routed"] : [];
              existing.data(data);
              existing.classes([...edgeClasses(e, security), ...routed, ...edgeVis(e.id)]);
            } else {
              toAdd.push({ group: "edges", data, classes: [...edgeClasses(e, security), ...edgeVis(e.id)] });
            }
          }
          cy.add(toAdd);
          if (firstDraw && layout) applyRoutes(cy, layout);
          hideEmptyNamespaceBoxes(cy);
        });
        markPaint("canvas-added");
        // Big graphs: skip edges and use a texture while panning/zooming. These are init
        // options, but the renderer reads them from its own fields on every frame.
        const renderer = cy as unknown as { renderer(): { hideEdgesOnViewport: boolean; textureOnViewport: boolean } };
        Object.assign(renderer.renderer(), { hideEdgesOnViewport: large, textureOnViewport: large });
        if (firstDraw) cy.fit(undefined, 30);
      };
      // A new graph is styled without Cytoscape's cascade of cache invalidations (why in quiet-style-caches.ts).
      if (firstDraw) withQuietStyleCaches(cy, draw);
      else draw();
      markPaint("canvas-fitted");
      setApplied(graph);
      reportDrawn();
    };
    if (firstDraw || needsLayout(leaves, previous))
      void fetchGraphLayout(leaves, graph.edges).then(apply, (error: unknown) => {
        // A layout failure must not leave the page blank: draw at the kept positions.
        console.error("graph layout failed", error);
        apply(undefined);
      });
    else apply(undefined);
    return () => {
      cancelled = true;
    };
  }, [graph, edgeLabels, security, theme]);

  // Hide and find: class toggles in one batch. When the set of hidden nodes changes (a
  // hide expression or a focus, not a refresh), fit what remains so it is not left adrift.
  const hiddenCount = useRef(0);
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !applied) return;
    const refit = hiddenCount.current !== visibility.hiddenNodes.size;
    hiddenCount.current = visibility.hiddenNodes.size;
    cy.batch(() => {
      cy.elements().forEach((el) => {
        const id = el.id();
        const hidden = el.isNode() ? visibility.hiddenNodes.has(id) : visibility.hiddenEdges.has(id);
        const found = el.isNode() ? visibility.foundNodes.has(id) : visibility.foundEdges.has(id);
        // Touch only what changed: each class change restyles the element.
        if (el.hasClass("hidden") !== hidden) el.toggleClass("hidden", hidden);
        if (el.hasClass("found") !== found) el.toggleClass("found", found);
      });
      hideEmptyNamespaceBoxes(cy);
    });
    if (refit) cy.fit(cy.elements(":visible"), 30);
    reportDrawn();
  }, [visibility, applied]);

  // A trace's path: one batch of class toggles, redone when the graph refreshes.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements().forEach((el) => {
        const id = el.id();
        const lit = !!highlight && (el.isNode() ? highlight.nodes.has(id) : highlight.edges.has(id));
        const failed = !!highlight && highlight.errorEdges.has(id);
        const dimmed = !!highlight && !lit;
        if (el.hasClass("traced") !== lit) el.toggleClass("traced", lit);
        if (el.hasClass("traced-error") !== failed) el.toggleClass("traced-error", failed);
        if (el.hasClass("dimmed") !== dimmed) el.toggleClass("dimmed", dimmed);
      });
    });
  }, [highlight, applied]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => {
      cy.elements(":selected").unselect();
      if (selection) cy.getElementById(selection.id).select();
    });
    // Selected from the list (keyboard) and off screen: bring it into view.
    const el = selection ? cy.getElementById(selection.id) : undefined;
    if (el?.nonempty() && el.visible()) {
      const box = el.renderedBoundingBox();
      if (box.x2 < 0 || box.y2 < 0 || box.x1 > cy.width() || box.y1 > cy.height()) cy.center(el);
    }
  }, [selection, applied]);

  // The loop reads each edge's motion on every frame, so a new graph needs no restart.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !animate || reducedMotion) return;
    return startTrafficAnimation(cy, palettes[theme]);
  }, [animate, reducedMotion, theme]);

  useImperativeHandle(
    ref,
    () => ({
      fit: () => cyRef.current?.fit(cyRef.current.elements(":visible"), 30),
      zoomBy: (factor) => {
        const cy = cyRef.current;
        if (!cy) return;
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      },
      panBy: (dx, dy) => cyRef.current?.panBy({ x: dx, y: dy }),
      relayout: () => {
        const cy = cyRef.current;
        if (!cy) return;
        void fetchGraphLayout(layoutNodesOf(graph), graph.edges).then((layout) => {
          if (cyRef.current !== cy) return;
          cy.batch(() => {
            layout.positions.forEach((p, id) => cy.getElementById(id).position(p));
            applyRoutes(cy, layout);
          });
          cy.fit(cy.elements(":visible"), 30);
        });
      },
      screenPositionOf: (id) => {
        const cy = cyRef.current;
        const node = cy?.getElementById(id);
        if (!node || node.empty()) return undefined;
        const box = container.current?.getBoundingClientRect();
        const rp = node.renderedPosition();
        return { x: (box?.left ?? 0) + rp.x, y: (box?.top ?? 0) + rp.y };
      },
      exportImage: async (format) => {
        const cy = cyRef.current;
        return cy ? canvasImage(cy, format, palettes[theme].textOutline) : undefined;
      },
    }),
    [graph, theme],
  );

  // Cytoscape makes its container position: relative, so it gets its size from a wrapper.
  return (
    <div className="absolute inset-0" aria-hidden="true">
      <div ref={container} className="h-full w-full" data-testid="graph-canvas" />
    </div>
  );
}
