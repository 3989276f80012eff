/**
 * Lays out a made-up mesh a few times when the console starts (instrumentation.ts), so the
 * first people to open the graph get the layout time of a console that has been running.
 *
 * ELK is Java compiled to JavaScript, and V8 optimises its code only after it has run a
 * while. On a fresh process the 500-node graph of bench/graph-first-paint.bench.ts took
 * ~1.0 s, then ~0.5, ~0.37, ~0.35, ~0.27 s, and ~0.19 s only from the eighth layout on. After
 * this warm-up (~2 s of CPU in 10 layouts) it takes ~0.19 s from the first.
 *
 * The sizes grow from 20 apps: ELK's first run costs ~0.5 s whatever the size (it sets
 * itself up), and each layout holds the event loop while it runs, so the longest pause a
 * request can meet during the warm-up is that first one. Between layouts the loop is free.
 * The mesh has namespace boxes and versioned app boxes, so ELK runs the compound path the
 * page's graphs take (lib/graph-view/layout.ts).
 */
import "server-only";
import { layoutGraph, type LayoutEdge, type LayoutNode } from "@/lib/graph-view/layout";
import { getLogger } from "@/server/observability/logger";

const namespaces = ["shop", "payments", "data"];

/**
 * `apps` apps over three namespaces (the later apps in the later ones), with one to three
 * versions each; every version calls two apps further down.
 */
export function madeUpMesh(apps: number): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const nodes: LayoutNode[] = [];
  const edges: LayoutEdge[] = [];
  for (let app = 0; app < apps; app++) {
    const namespace = namespaces[Math.min(namespaces.length - 1, Math.floor((namespaces.length * app) / apps))];
    for (let v = 1; v <= 1 + ((app * 7) % 3); v++) {
      const id = `app-${app}-v${v}`;
      nodes.push({ id, group: `app-${app}`, namespace, label: `v${v}`, order: `v${v}` });
      for (const callee of [app * 2 + 1, app * 2 + 3])
        if (callee < apps) edges.push({ source: id, target: `app-${callee}-v1` });
    }
  }
  return { nodes, edges };
}

/** Apps per warm-up layout, in order. */
export const warmUpSizes = [20, 40, 80, 160, 160, 160, 160, 160, 160, 160];

/** Runs the warm-up layouts one after another, yielding the event loop between them. */
export async function warmUpLayout(sizes: readonly number[] = warmUpSizes): Promise<{ layouts: number; ms: number }> {
  const started = performance.now();
  for (const apps of sizes) {
    const { nodes, edges } = madeUpMesh(apps);
    await layoutGraph(nodes, edges);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { layouts: sizes.length, ms: Math.round(performance.now() - started) };
}

/**
 * Starts the warm-up in the background and logs when it is done (or why it failed: the
 * console serves either way; only the first layouts are slower).
 */
export function startLayoutWarmUp(): void {
  warmUpLayout().then(
    ({ layouts, ms }) => getLogger().info({ layouts, ms }, "graph layout warmed up"),
    (error: unknown) => getLogger().warn({ error: String(error) }, "graph layout warm-up failed"),
  );
}
