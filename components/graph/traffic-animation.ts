/**
 * The traffic animation: marks travel along each edge that carries traffic, faster and
 * closer together the busier it is, with error marks (red crosses) in the share of its
 * requests that failed; TCP edges carry diamonds moved by bytes/s. How each edge moves is
 * its `motion` data (cy-elements.ts, from lib/graph-view/traffic-motion.ts); the marks'
 * look is graph-styles.ts `trafficMarkRows`, which the legend also draws.
 *
 * Why a canvas of its own over Cytoscape's, rather than Cytoscape styles: Cytoscape has no
 * moving dots, and a dash pattern moved per edge (`line-dash-offset`) restyles every edge
 * each frame — a redraw of the whole graph — and cannot make a share of its dashes another
 * colour or shape. This canvas is cleared and redrawn by one requestAnimationFrame loop at
 * ~20 frames/s, Cytoscape does not redraw at all, and only edges drawn in the viewport are
 * visited. It follows Cytoscape's pan and zoom by reading them on each frame. The caller
 * does not start it when the user prefers reduced motion, and stops it when the toggle is off.
 * Edge labels stay readable: being on a canvas above Cytoscape's, marks would cover them, so
 * each frame is clipped to leave out the labels in view and a mark passes under a label.
 */
import type cytoscape from "cytoscape";
import { edgePathOf, pointAlong, type EdgeCurve } from "@/lib/graph-view/edge-path";
import { marksAlong, type TrafficMotion } from "@/lib/graph-view/traffic-motion";
import type { CanvasPalette } from "./cy-stylesheet";
import { trafficMarkRows, type TrafficMarkKind } from "./graph-styles";
import { mainLabelOnly } from "./label-bounds";

const frameMs = 50;
/** A mark's radius in model pixels, kept at least this many screen pixels when zoomed out. */
const markRadius = 3.5;
const minScreenRadius = 2.5;
/** The outline that sets a mark off its line, screen pixels. */
const outlineWidth = 1.5;

/** The shape Cytoscape drew the edge with (`segmentPoints`/`controlPoints` are undefined for other shapes). */
function curveOf(edge: cytoscape.EdgeSingular): EdgeCurve {
  const bends = edge.segmentPoints() as cytoscape.Position[] | undefined;
  if (bends) return { kind: "segments", bends };
  const controls = edge.controlPoints() as cytoscape.Position[] | undefined;
  if (controls) return { kind: "bezier", controls };
  return { kind: "straight" };
}

const overlaps = (a: cytoscape.BoundingBox12, b: cytoscape.BoundingBox12) =>
  a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;

/**
 * Clips what is drawn next (in device pixels) to everywhere but the labels of `edges` that
 * are in `view`: the canvas's rectangle and the labels' as one path, filled even-odd.
 */
function clipOutLabels(
  context: CanvasRenderingContext2D,
  edges: cytoscape.EdgeCollection,
  view: cytoscape.BoundingBox12,
  toScreen: (x: number, y: number) => { x: number; y: number },
) {
  context.beginPath();
  context.rect(0, 0, context.canvas.width, context.canvas.height);
  edges.forEach((edge) => {
    if (!edge.data("label")) return;
    const box = edge.boundingBox(mainLabelOnly);
    if (!(box.w > 0) || !overlaps(box, view)) return;
    const from = toScreen(box.x1, box.y1);
    const to = toScreen(box.x2, box.y2);
    context.rect(from.x, from.y, to.x - from.x, to.y - from.y);
  });
  context.clip("evenodd");
}

/** Whether Cytoscape hides edges while the view moves (large graphs, graph-canvas.tsx): then so do the marks. */
function edgesHiddenNow(cy: cytoscape.Core): boolean {
  const renderer = (
    cy as unknown as { renderer(): { hideEdgesOnViewport?: boolean; pinching?: boolean; swipePanning?: boolean } }
  ).renderer();
  return !!renderer.hideEdgesOnViewport && !!(renderer.pinching || renderer.swipePanning);
}

export function startTrafficAnimation(cy: cytoscape.Core, palette: CanvasPalette): () => void {
  const container = cy.container();
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d");
  if (!container || !context) return () => undefined;
  // Above Cytoscape's own canvases (its container is a stacking context at z-index 0); clicks pass through.
  Object.assign(canvas.style, { position: "absolute", left: "0", top: "0", pointerEvents: "none", zIndex: "1" });
  canvas.dataset.testid = "traffic-animation";
  container.appendChild(canvas);
  const shapes = Object.fromEntries(
    Object.values(trafficMarkRows).map((row) => [row.kind, new Path2D(row.path)]),
  ) as Record<TrafficMarkKind, Path2D>;

  // What the last frame drew, on the canvas element: the page's honest mirror for tests.
  let drawnMarks = "";
  const report = (marks: number, errors: number) => {
    const text = `${marks}/${errors}`;
    if (text === drawnMarks) return;
    drawnMarks = text;
    canvas.dataset.marks = String(marks);
    canvas.dataset.errorMarks = String(errors);
  };

  const draw = (seconds: number) => {
    const ratio = window.devicePixelRatio || 1;
    const width = cy.width();
    const height = cy.height();
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (edgesHiddenNow(cy)) return;
    const zoom = cy.zoom();
    const pan = cy.pan();
    const radius = Math.max(markRadius, minScreenRadius / zoom);
    const scale = ratio * zoom * radius;
    const view = cy.extent();
    let marks = 0;
    let errors = 0;
    const edges = cy.edges(":visible");
    context.save();
    clipOutLabels(context, edges, view, (x, y) => ({ x: ratio * (pan.x + zoom * x), y: ratio * (pan.y + zoom * y) }));
    edges.forEach((edge) => {
      const motion = edge.data("motion") as TrafficMotion | undefined;
      if (!motion) return;
      if (!overlaps(edge.boundingBox({ includeLabels: false, includeOverlays: false }), view)) return;
      const opacity = edge.effectiveOpacity();
      if (opacity === 0) return;
      context.globalAlpha = opacity;
      const path = edgePathOf(edge.sourceEndpoint(), edge.targetEndpoint(), curveOf(edge));
      const colour = String(edge.data("colour"));
      for (const mark of marksAlong(motion, path.length, seconds)) {
        const at = pointAlong(path, mark.distance);
        const row = trafficMarkRows[mark.error ? "error" : motion.unit];
        // One transform per mark: the shape's unit path lands at the mark's screen position and size.
        context.setTransform(scale, 0, 0, scale, ratio * (pan.x + zoom * at.x), ratio * (pan.y + zoom * at.y));
        context.lineWidth = outlineWidth / (zoom * radius);
        context.fillStyle = row.colour ?? palette.textOutline;
        context.strokeStyle = row.colour ? palette.textOutline : colour;
        context.fill(shapes[row.kind]);
        context.stroke(shapes[row.kind]);
        marks++;
        if (mark.error) errors++;
      }
    });
    context.restore();
    context.globalAlpha = 1;
    report(marks, errors);
  };

  let last = 0;
  let frame = 0;
  const tick = (now: number) => {
    frame = requestAnimationFrame(tick);
    if (now - last < frameMs) return;
    last = now;
    // The page's clock, not the loop's: marks carry on where they were across refreshes and restarts.
    draw(now / 1000);
  };
  frame = requestAnimationFrame(tick);
  return () => {
    cancelAnimationFrame(frame);
    canvas.remove();
  };
}
