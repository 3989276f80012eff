/**
 * Where ELK runs. In a browser, in a Web Worker (elk-worker.ts): ELK's 1.6 MB script is
 * parsed and started off the main thread while the page hydrates and the graph is fetched,
 * and a layout no longer freezes the page — the canvas builds its elements meanwhile
 * (components/graph/graph-canvas.tsx). Where there is no Worker (Node, jsdom in the tests),
 * the bundled build runs ELK in the calling thread with the same answers.
 */
import type { ElkNode } from "elkjs/lib/elk-api";

export interface ElkEngine {
  layout(graph: ElkNode): Promise<ElkNode>;
}

let engine: Promise<ElkEngine> | undefined;

/** One engine per page, started on first use. */
export function elkEngine(): Promise<ElkEngine> {
  engine ??=
    typeof Worker === "undefined"
      ? import("elkjs/lib/elk.bundled.js").then(({ default: ELK }) => new ELK())
      : import("elkjs/lib/elk-api.js").then(
          ({ default: ELK }) =>
            new ELK({ workerFactory: () => new Worker(new URL("./elk-worker.ts", import.meta.url)) }),
        );
  return engine;
}
