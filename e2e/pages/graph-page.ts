import { expect, type Locator, type Page } from "@playwright/test";
import { mainLabelOnly } from "../../components/graph/label-bounds";

export interface RenderedRect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** One node as Cytoscape drew it, in screen pixels of the canvas. */
export interface RenderedNode {
  id: string;
  label: string;
  parent: string | null;
  /** "namespace" for a namespace frame, "app" for an app box, "node" otherwise. */
  kind: "namespace" | "app" | "node";
  visible: boolean;
  /** The shape (a box's whole area for boxes), without the label. */
  body: RenderedRect;
  /** The label's box alone; empty for a node without a label. */
  labelBox: RenderedRect | null;
}

/**
 * The graph page. A canvas has no DOM, so this reads the page's honest mirrors of it: the
 * accessible node and edge lists (what is drawn, each edge's current label text, what is
 * hidden) and the `data-*` summary on the view container (set after the canvas rendered).
 */
export class GraphPage {
  readonly view: Locator;
  readonly nodeList: Locator;
  readonly edgeList: Locator;
  readonly edgeLabels: Locator;
  readonly hideInput: Locator;
  readonly findInput: Locator;
  readonly canvasRegion: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId("graph-view");
    this.nodeList = page.getByTestId("graph-node-list");
    this.edgeList = page.getByTestId("graph-edge-list");
    this.edgeLabels = page.getByLabel("Edge labels");
    this.hideInput = page.getByLabel("Hide", { exact: true });
    this.findInput = page.getByLabel("Find", { exact: true });
    this.canvasRegion = page.getByRole("region", { name: "Service graph canvas" });
  }

  async open(query: string) {
    await this.page.goto(`/graph?${query}`);
    await expect(this.view).toBeVisible();
  }

  /** Waits until the canvas has drawn a graph (traffic may take a while to reach Prometheus). */
  async waitForDrawn(timeout = 15_000) {
    await expect(this.view).toHaveAttribute("data-graph-state", "drawn", { timeout });
  }

  /** A node in the list by its title ("productpage v1"), or by a title pattern. */
  node(title: string | RegExp): Locator {
    return this.nodeList.getByRole("listitem").filter({ has: this.page.getByRole("button", { name: title }) });
  }

  nodeButton(title: string | RegExp): Locator {
    return this.nodeList.getByRole("button", { name: title });
  }

  nodePanel(title: string | RegExp): Locator {
    return this.page.getByRole("article", { name: typeof title === "string" ? `Details of ${title}` : title });
  }

  /** The node panel's title: a link to the node's own detail page (application, workload or service). */
  nodePanelTitleLink(title: string): Locator {
    return this.nodePanel(title).getByRole("heading", { level: 2 }).getByRole("link", { name: title, exact: true });
  }

  /** What the node list says of a node: its title, health and badges ("reviews v1, Healthy, Traffic shifting"). */
  async nodeDescription(title: string | RegExp): Promise<string> {
    return (await this.nodeButton(title).textContent()) ?? "";
  }

  /** The label text of every edge, as the canvas draws it. */
  async edgeLabelTexts(): Promise<string[]> {
    return this.edgeList
      .locator("li[data-edge-id]")
      .evaluateAll((items) => items.map((li) => li.getAttribute("data-label") ?? ""));
  }

  /**
   * Every node's rendered position, read from the canvas itself. Cytoscape registers its
   * instance on its container (`container._cyreg.cy`, set in its Core constructor), so this
   * needs no test hook in the page: it asks the drawing for its own bounding boxes.
   */
  async renderedNodes(): Promise<RenderedNode[]> {
    return this.page.getByTestId("graph-canvas").evaluate((container) => {
      interface Box {
        x1: number;
        y1: number;
        x2: number;
        y2: number;
        w: number;
      }
      interface CyNode {
        id(): string;
        data(key: string): unknown;
        visible(): boolean;
        hasClass(c: string): boolean;
        isParent(): boolean;
        parent(): { empty(): boolean; id(): string };
        renderedBoundingBox(options: Record<string, boolean>): Box;
      }
      const cy = (container as unknown as { _cyreg?: { cy?: { nodes(): { map<T>(f: (n: CyNode) => T): T[] } } } })
        ._cyreg?.cy;
      if (!cy) throw new Error("no Cytoscape instance on the graph canvas");
      const rect = (b: Box) => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });
      return cy.nodes().map((n) => {
        const label = String(n.data("label") ?? "");
        const labelBox = n.renderedBoundingBox({
          includeNodes: false,
          includeEdges: false,
          includeLabels: true,
          includeOverlays: false,
        });
        return {
          id: n.id(),
          label,
          parent: n.parent().empty() ? null : n.parent().id(),
          kind: n.hasClass("namespace-box") ? "namespace" : n.hasClass("box") ? "app" : "node",
          visible: n.visible(),
          body: rect(
            n.renderedBoundingBox({
              includeNodes: true,
              includeEdges: false,
              includeLabels: false,
              includeOverlays: false,
            }),
          ),
          labelBox: label && labelBox.w > 0 ? rect(labelBox) : null,
        } as const;
      });
    });
  }

  /** Each edge's label and the speed of its traffic animation (model pixels/s), read from the canvas's edge data. */
  async edgeMotions(): Promise<{ id: string; label: string; speed: number | null }[]> {
    return this.page.getByTestId("graph-canvas").evaluate((container) => {
      interface CyEdge {
        id(): string;
        data(key: string): unknown;
      }
      const cy = (container as unknown as { _cyreg?: { cy?: { edges(): { map<T>(f: (e: CyEdge) => T): T[] } } } })
        ._cyreg?.cy;
      if (!cy) throw new Error("no Cytoscape instance on the graph canvas");
      return cy.edges().map((e) => ({
        id: e.id(),
        label: String(e.data("label") ?? ""),
        speed: (e.data("motion") as { speed?: number } | undefined)?.speed ?? null,
      }));
    });
  }

  /** How many traffic animation marks the last frame drew (traffic-animation.ts keeps the count on its canvas). */
  async animationMarks(): Promise<number> {
    return Number((await this.page.getByTestId("traffic-animation").getAttribute("data-marks")) ?? 0);
  }

  /**
   * How many pixels of the traffic animation's canvas are painted over edge labels, in one
   * frame: Cytoscape's own label boxes (components/graph/label-bounds.ts), read as
   * `renderedNodes` reads node boxes.
   */
  async animationPixelsOverEdgeLabels(): Promise<number> {
    return this.page.getByTestId("graph-canvas").evaluate((container, labelOnly) => {
      interface Box {
        x1: number;
        y1: number;
        w: number;
        h: number;
      }
      interface CyEdge {
        data(key: string): unknown;
        visible(): boolean;
        renderedBoundingBox(options: Record<string, boolean>): Box;
      }
      const cy = (container as unknown as { _cyreg?: { cy?: { edges(): { map<T>(f: (e: CyEdge) => T): T[] } } } })
        ._cyreg?.cy;
      const canvas = container.querySelector<HTMLCanvasElement>('[data-testid="traffic-animation"]');
      const context = canvas?.getContext("2d");
      if (!cy || !canvas || !context) throw new Error("no Cytoscape instance or no animation canvas");
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const boxes = cy
        .edges()
        .map((e) => (e.visible() && e.data("label") ? e.renderedBoundingBox(labelOnly) : null))
        .filter((b): b is Box => b !== null && b.w > 0);
      let painted = 0;
      for (const b of boxes) {
        // Inside the label by a pixel: antialiasing at the clip's edge may touch its border.
        const x = Math.ceil((b.x1 + 1) * ratio);
        const y = Math.ceil((b.y1 + 1) * ratio);
        const w = Math.floor((b.w - 2) * ratio);
        const h = Math.floor((b.h - 2) * ratio);
        if (w <= 0 || h <= 0) continue;
        const pixels = context.getImageData(x, y, w, h).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
      }
      return painted;
    }, mainLabelOnly);
  }

  /** Titles of the nodes by hidden state. */
  async nodeTitles(hidden: boolean): Promise<string[]> {
    return this.nodeList
      .locator(`li[data-hidden="${hidden}"]`)
      .evaluateAll((items) => items.map((li) => li.getAttribute("data-node-name") ?? ""));
  }

  async setHide(expression: string) {
    await this.hideInput.fill(expression);
    await this.hideInput.press("Enter");
  }

  /** The notice shown while a trace's path is lit (`data-lit-edges`). */
  get traceNotice(): Locator {
    return this.page.getByTestId("trace-path-notice");
  }

  /** `source → target` of the edges the lit trace went through; failed ones end in " (failed)". */
  async tracedEdges(): Promise<string[]> {
    return this.edgeList
      .locator('li[data-traced]:not([data-traced=""])')
      .evaluateAll((items) =>
        items.map(
          (li) =>
            `${li.getAttribute("data-source")} → ${li.getAttribute("data-target")}${li.getAttribute("data-traced") === "failed" ? " (failed)" : ""}`,
        ),
      );
  }

  async clearTrace() {
    await this.traceNotice.getByRole("button", { name: "Clear trace" }).click();
    await expect(this.traceNotice).toBeHidden();
  }

  /** The node panel's recent traces, worst first. */
  nodeTraces(title: string | RegExp): Locator {
    return this.nodePanel(title).getByTestId("node-traces").getByRole("link");
  }
}
