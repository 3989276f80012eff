/**
 * First paint of a 500-node graph, and pan/zoom on a 2,000-node one
 * (`npx tsx bench/graph-first-paint.bench.ts [nodes] [runs] [interactiveNodes]`): serves the
 * production build (`npm start`'s script, needs `npx next build` first), opens /graph in
 * Debian's Chromium with the graph API answered by a synthetic versioned-app graph spread
 * over four namespaces (so the canvas draws namespace boxes and ELK lays out a compound
 * graph, the heavier path), and prints:
 * - the time from navigation start to the canvas having drawn it (the page marks
 *   `data-graph-state="drawn"` after Cytoscape's first render; the layout is included).
 *   Median of a few runs after a warm-up run; the target is 1.5 s for 500 nodes (issue 20). The
 *   server lays the graph out (POST /api/graph/layout, lib/graph-view/layout.ts says why), and
 *   warms its layout engine up when it starts (server/graph/warm-up-layout.ts): the bench
 *   starts once the console has logged that, as people reach a console that has started, and
 *   prints how long it took. Each run is also cut into steps (page load, answer,
 *   view model, layout, Cytoscape) from the page's performance marks
 *   (lib/graph-view/paint-marks.ts) and the layout's Server-Timing, medians printed;
 * - on the 2,000-node graph, the frame times (requestAnimationFrame intervals) while it is
 *   zoomed with the mouse wheel and panned with the arrow keys; staying interactive means
 *   frames near 16 ms, not stalls.
 * Prints figures; asserts nothing.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import type { GraphResponse } from "../lib/contracts/graph";
import { paintMarkPrefix, type PaintStep } from "../lib/graph-view/paint-marks";

const NODES = Number(process.argv[2] ?? "500");
const RUNS = Number(process.argv[3] ?? "5");
const INTERACTIVE_NODES = Number(process.argv[4] ?? "2000");
const NAMESPACES = ["bench-a", "bench-b", "bench-c", "bench-d"];
const PORT = 3291;
const root = path.resolve(import.meta.dirname, "..");

/** Apps with 1–3 versions in boxes, each version calling 1–3 apps further down. */
function syntheticGraph(leaves: number): GraphResponse {
  const nodes: GraphResponse["elements"]["nodes"] = [
    {
      data: {
        id: "gw",
        nodeType: "workload",
        cluster: "c",
        namespace: "istio-system",
        workload: "ingress",
        app: "ingress",
        isGateway: true,
        isRoot: true,
        traffic: [{ protocol: "http", rates: { httpOut: "100.00" } }],
      },
    },
  ];
  const edges: GraphResponse["elements"]["edges"] = [];
  const versionsOf: string[][] = [];
  let count = 1;
  for (let a = 0; count < leaves; a++) {
    const app = `app-${a}`;
    // Apps further down the call chain sit in later namespaces, as tiers often do.
    const namespace = NAMESPACES[Math.min(NAMESPACES.length - 1, Math.floor(Math.log2(a + 1) / 2))] ?? "bench-a";
    nodes.push({ data: { id: `box-${a}`, nodeType: "box", isBox: "app", cluster: "c", namespace, app } });
    const ids: string[] = [];
    for (let v = 1; v <= 1 + (a % 3) && count < leaves; v++, count++) {
      const id = `${app}-v${v}`;
      ids.push(id);
      const health = (["healthy", "healthy", "healthy", "degraded", "failure"] as const)[(a + v) % 5] ?? "healthy";
      nodes.push({
        data: {
          id,
          parent: `box-${a}`,
          nodeType: "app",
          cluster: "c",
          namespace,
          app,
          version: `v${v}`,
          workload: id,
          healthData: { status: health },
          hasVS: a % 4 === 0 ? true : undefined,
          hasTrafficShifting: a % 8 === 0 ? true : undefined,
          traffic: [{ protocol: "http", rates: { httpIn: "1.00", httpOut: "1.00" } }],
        },
      });
    }
    versionsOf.push(ids);
  }
  const rates = (r: number) => ({
    protocol: "http" as const,
    rates: { http: r.toFixed(2), httpPercentReq: "50.0" },
    responses: { "200": { flags: { "-": "100.0" }, hosts: {} } },
  });
  for (const id of versionsOf[0] ?? [])
    edges.push({
      data: { id: `gw>${id}`, source: "gw", target: id, isMTLS: "100.0", responseTime: "20.00", traffic: rates(10) },
    });
  versionsOf.forEach((ids, a) => {
    for (const id of ids)
      for (let k = 1; k <= 1 + (a % 3); k++) {
        const callee = versionsOf[a * 2 + k];
        const target = callee?.[(a + k) % callee.length];
        if (target)
          edges.push({
            data: {
              id: `${id}>${target}`,
              source: id,
              target,
              isMTLS: "100.0",
              responseTime: `${(5 + ((a * k) % 200)).toFixed(2)}`,
              traffic: rates(1),
            },
          });
      }
  });
  return {
    timestamp: Math.floor(Date.now() / 1000),
    duration: 300,
    graphType: "versionedApp",
    elements: { nodes, edges },
  };
}

const graphQuery = `namespaces=${NAMESPACES.join(",")}&graphType=versionedApp&duration=300s&edgeLabels=responseTime`;

/**
 * The first paint cut into steps, from the page's marks (lib/graph-view/paint-marks.ts)
 * and the graph request's resource timing; each row is the time between two marks.
 */
type Point = PaintStep | "navigation" | "request-start" | "answer-in" | "drawn";
const phases: { label: string; from: Point; to: Point }[] = [
  { label: "page load until the graph is asked", from: "navigation", to: "request-start" },
  { label: "graph API answer (routed in the bench; see graph-api.bench.ts)", from: "request-start", to: "answer-in" },
  { label: "JSON parse + zod + React scheduling", from: "answer-in", to: "view-model-start" },
  { label: "view model (toViewGraph)", from: "view-model-start", to: "view-model-done" },
  { label: "React render until the layout starts", from: "view-model-done", to: "layout-start" },
  { label: "layout asked of the server and answered (ELK's share below)", from: "layout-start", to: "layout-done" },
  { label: "until the canvas applies it", from: "layout-done", to: "canvas-start" },
  { label: "Cytoscape elements built and added", from: "canvas-start", to: "canvas-added" },
  { label: "Cytoscape styles, bounds and fit", from: "canvas-added", to: "canvas-fitted" },
  { label: "Cytoscape first render", from: "canvas-fitted", to: "canvas-rendered" },
  { label: "page marked drawn", from: "canvas-rendered", to: "drawn" },
];

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;

/**
 * Opens the graph of `leaves` nodes, waits for it to be drawn, then records every frame's
 * interval while zooming in and out with the wheel over the canvas and panning with the
 * arrow keys (Cytoscape's panBy, as a drag would).
 */
async function measureInteraction(browser: Browser, leaves: number) {
  const graph = syntheticGraph(leaves);
  const body = JSON.stringify(graph);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.route("**/api/namespaces/graph?**", (route) => route.fulfill({ contentType: "application/json", body }));
  const started = Date.now();
  await page.goto(`http://127.0.0.1:${PORT}/graph?${graphQuery}`);
  await page.locator('[data-testid="graph-view"][data-graph-state="drawn"]').waitFor({ timeout: 180_000 });
  const drawnAfter = Date.now() - started;
  console.log(`${leaves} nodes: drawn ${drawnAfter} ms after navigation`);
  const canvas = await page.getByTestId("graph-canvas").boundingBox();
  if (!canvas) throw new Error("no canvas");
  // Scripts as strings, not functions: tsx compiles with keepNames, which wraps named inner
  // functions in a `__name()` helper that exists in Node but not in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (const dy of [...Array<number>(10).fill(-120), ...Array<number>(10).fill(120)]) {
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(40);
  }
  await page.getByRole("region", { name: "Service graph canvas" }).focus();
  for (const key of [...Array<string>(10).fill("ArrowLeft"), ...Array<string>(10).fill("ArrowUp")]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(40);
  }
  const frames = await page.evaluate<number[]>(`(() => {
    window.__recording = false;
    return window.__frames.slice(1);
  })()`);
  console.log(
    `${leaves} nodes, pan/zoom: ${frames.length} frames, frame time median ${percentile(frames, 0.5).toFixed(1)} ms, p95 ${percentile(frames, 0.95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(0)} ms`,
  );
  await context.close();
  return { drawnAfter, frameMedian: percentile(frames, 0.5), frameP95: percentile(frames, 0.95) };
}

async function waitForServer(url: string, deadline: number) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer in time`);
}

async function main() {
  // The console as `npm start` runs it (migrations applied to a throwaway database), with
  // no cluster and no Prometheus: the graph API is answered by the browser route below.
  const dataDir = mkdtempSync(path.join(tmpdir(), "topsail-graph-bench-"));
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start-console.ts"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      KUBECONFIG: "",
      HOME: dataDir,
      TOPSAIL_PROMETHEUS_URL: "http://127.0.0.1:1",
      DATABASE_URL: `file:${path.join(dataDir, "bench.db")}`,
    },
  });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  const warmedUp = new Promise<string>((resolve) => {
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((l) => l.includes("graph layout warmed up"));
      if (line) resolve(line);
    });
  });
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/graph`, Date.now() + 60_000);
    const warmUpLine = await Promise.race([
      warmedUp,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("the console did not log its layout warm-up in 60 s")), 60_000),
      ),
    ]);
    const { ms } = JSON.parse(warmUpLine) as { ms: number };
    console.log(`the console warmed its layout engine up in ${ms} ms after it started`);
    const graph = syntheticGraph(NODES);
    const body = JSON.stringify(graph);
    const leaves = graph.elements.nodes.filter((n) => n.data.nodeType !== "box").length;
    console.log(
      `synthetic graph: ${leaves} nodes (+${graph.elements.nodes.length - leaves} app boxes), ${graph.elements.edges.length} edges, ${(body.length / 1024).toFixed(0)} KiB`,
    );
    const times: number[] = [];
    const afterData: number[] = [];
    const steps: Record<string, number>[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      await page.route("**/api/namespaces/graph?**", (route) =>
        route.fulfill({ contentType: "application/json", body }),
      );
      // Record the moment the page marks the graph drawn, relative to navigation start.
      await page.addInitScript(() => {
        const observer = new MutationObserver(() => {
          const view = document.querySelector('[data-testid="graph-view"]');
          if (view?.getAttribute("data-graph-state") === "drawn") {
            (window as unknown as { __drawnAt: number }).__drawnAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, {
          subtree: true,
          attributes: true,
          childList: true,
          attributeFilter: ["data-graph-state"],
        });
      });
      await page.goto(`http://127.0.0.1:${PORT}/graph?${graphQuery}`);
      await page.waitForFunction(
        () => (window as unknown as { __drawnAt?: number }).__drawnAt !== undefined,
        undefined,
        { timeout: 60_000 },
      );
      const points = await page.evaluate<Record<string, number>>(
        `(() => {
          const request = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/namespaces/graph"));
          const layout = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/graph/layout"));
          const elk = layout?.serverTiming?.find((t) => t.name === "elk")?.duration;
          const points = { navigation: 0, drawn: window.__drawnAt, "request-start": request?.startTime, "answer-in": request?.responseEnd, "elk-on-server": elk };
          for (const m of performance.getEntriesByType("mark"))
            if (m.name.startsWith(prefix)) points[m.name.slice(prefix.length)] ??= m.startTime;
          return points;
        })()`.replace(/prefix/g, JSON.stringify(paintMarkPrefix)),
      );
      const drawnAt = points.drawn ?? NaN;
      const dataAt = points["answer-in"] ?? NaN;
      if (run > 0) {
        times.push(drawnAt);
        afterData.push(drawnAt - dataAt);
        steps.push(points);
      }
      console.log(
        `${run === 0 ? "warm-up" : `run ${run}`}: navigation → graph drawn ${drawnAt.toFixed(0)} ms (answer in at ${dataAt.toFixed(0)} ms, then ${(drawnAt - dataAt).toFixed(0)} ms to draw)`,
      );
      await context.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    console.log("where the time goes (median over the runs, ms):");
    for (const { label, from, to } of phases) {
      const d = steps.map((p) => (p[to] ?? NaN) - (p[from] ?? NaN));
      console.log(`  ${median(d).toFixed(0).padStart(6)}  ${label}`);
    }
    console.log(
      `  (of the layout: ELK on the server, from its Server-Timing header: ${median(steps.map((p) => p["elk-on-server"] ?? NaN)).toFixed(0)})`,
    );
    console.log(`answer → drawn: median ${median(afterData).toFixed(0)} ms`);
    const firstPaint = sorted[Math.floor(sorted.length / 2)] ?? NaN;
    console.log(
      `first paint of ${leaves} nodes: median ${firstPaint.toFixed(0)} ms, min ${(sorted[0] ?? NaN).toFixed(0)} ms, max ${(sorted[sorted.length - 1] ?? NaN).toFixed(0)} ms (n=${sorted.length}; target ≤ 1500 ms)`,
    );
    const big = await measureInteraction(browser, INTERACTIVE_NODES);
    console.log(
      [
        "issue 20's figures:",
        `  first paint, ${leaves} nodes: median ${firstPaint.toFixed(0)} ms — target ≤ 1500 ms: ${firstPaint <= 1500 ? "met" : "NOT met"}`,
        `  first paint, ${INTERACTIVE_NODES} nodes: ${big.drawnAfter} ms`,
        `  pan/zoom, ${INTERACTIVE_NODES} nodes: frame time median ${big.frameMedian.toFixed(1)} ms, p95 ${big.frameP95.toFixed(1)} ms — interactive means frames near 16.7 ms (60 Hz)`,
      ].join("\n"),
    );
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
