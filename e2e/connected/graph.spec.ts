import { expect, test, type Page } from "@playwright/test";
import { GraphPage, type RenderedRect } from "../pages/graph-page";
import { TrafficWizardPage } from "../pages/traffic-wizard-page";
import { deleteReviewsRoutes, readReviewsRoutes, routeAllReviewsToV1 } from "../support/reviews-routes";

// Bookinfo's load generator has to run and Prometheus to scrape twice before the first
// rates exist; the page polls every 10 s (refresh=10000), so give it time.
const trafficTimeout = 120_000;

const overlap = (a: RenderedRect, b: RenderedRect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

test.describe("the graph page", () => {
  test("asks for a namespace when none is selected", async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.open("");
    await expect(page.getByRole("status").filter({ hasText: "Pick a namespace" })).toBeVisible();
    await expect(graph.view).toHaveAttribute("data-graph-state", "no-namespaces");
  });

  test("explains a find/hide expression it cannot read", async ({ page }) => {
    const graph = new GraphPage(page);
    await graph.open("namespaces=bookinfo");
    await graph.hideInput.fill("version >");
    await expect(page.getByRole("alert").filter({ hasText: 'Expected a value after ">"' })).toContainText("Allowed:");
    await expect(graph.hideInput).toHaveAttribute("aria-invalid", "true");
  });

  test.describe("when the graph API reports a state", () => {
    // These states depend on the cluster and Prometheus; the API's answers are replayed so
    // the page's handling of each is checked without breaking the shared simulator.
    const answer = (page: Page, status: number, body: unknown) =>
      page.route("**/api/namespaces/graph?**", (route) =>
        route.fulfill({ status, contentType: "application/json", body: JSON.stringify(body) }),
      );

    test("shows Prometheus being unreachable with the server's message", async ({ page }) => {
      await answer(page, 503, {
        error: {
          code: "prometheus_unavailable",
          message: "Prometheus at http://127.0.0.1:9 did not answer: connect ECONNREFUSED",
        },
      });
      const graph = new GraphPage(page);
      await graph.open("namespaces=bookinfo");
      const alert = page.getByRole("alert").filter({ hasText: "Prometheus is unreachable" });
      await expect(alert).toContainText("did not answer: connect ECONNREFUSED");
      await expect(alert.getByRole("button", { name: "Try again" })).toBeVisible();
    });

    test("says when the window has no traffic and offers idle nodes or a longer window", async ({ page }) => {
      await answer(page, 200, {
        timestamp: 1_700_000_000,
        duration: 300,
        graphType: "versionedApp",
        elements: { nodes: [], edges: [] },
      });
      const graph = new GraphPage(page);
      await graph.open("namespaces=bookinfo");
      await expect(graph.view).toHaveAttribute("data-graph-state", "empty");
      await expect(page.getByText("No traffic in this window")).toBeVisible();
      await page.getByRole("button", { name: "Use a longer window" }).click();
      await expect(page).toHaveURL(/duration=600s/);
      await page.getByRole("button", { name: "Show idle nodes" }).click();
      await expect(page).toHaveURL(/idleNodes=true/);
    });

    test("says when the namespace's workloads run without sidecars", async ({ page }) => {
      const node = (id: string, workload: string) => ({
        data: {
          id,
          nodeType: "workload",
          cluster: "c",
          namespace: "legacy",
          workload,
          app: workload,
          hasMissingSC: true,
          traffic: [{ protocol: "http", rates: { httpIn: "1.00" } }],
        },
      });
      await answer(page, 200, {
        timestamp: 1_700_000_000,
        duration: 300,
        graphType: "workload",
        elements: {
          nodes: [node("a", "web"), node("b", "db")],
          edges: [
            {
              data: {
                id: "a-b",
                source: "a",
                target: "b",
                traffic: { protocol: "http", rates: { http: "1.00" }, responses: {} },
              },
            },
          ],
        },
      });
      const graph = new GraphPage(page);
      await graph.open("namespaces=legacy&graphType=workload");
      await graph.waitForDrawn();
      await expect(page.getByRole("status").filter({ hasText: "runs the Istio sidecar" })).toContainText(
        "istio-injection=enabled",
      );
      await expect(graph.node("web")).toHaveAttribute("data-node-name", "web");
    });
  });

  test.describe("with Bookinfo traffic", () => {
    test.setTimeout(trafficTimeout + 60_000);

    test("draws productpage, shows its rates, switches edge labels and hides v1", async ({ page }) => {
      const graph = new GraphPage(page);
      await graph.open("namespaces=bookinfo&graphType=versionedApp&duration=300s&refresh=10000");
      await graph.waitForDrawn(trafficTimeout);
      const productpage = graph.nodeButton(/^productpage v1/);
      await expect(productpage).toBeVisible({ timeout: trafficTimeout });
      await expect(graph.node(/^productpage v1/)).toHaveAttribute("data-hidden", "false");
      expect(Number(await graph.view.getAttribute("data-node-count"))).toBeGreaterThan(3);

      // Selecting it (the list is the keyboard path to the canvas's nodes) opens its panel.
      await productpage.click();
      const panel = graph.nodePanel("productpage v1");
      await expect(panel).toBeVisible();
      await expect(panel).toContainText("HTTP in");
      await expect(panel).toContainText(/\d+\.\d\d rps/);
      await expect(panel.getByRole("button", { name: /^reviews/ }).first()).toBeVisible();

      // Edge labels: none, then response times.
      expect((await graph.edgeLabelTexts()).every((t) => t === "")).toBe(true);
      await graph.edgeLabels.selectOption({ label: "Response time (p95)" });
      await expect(page).toHaveURL(/edgeLabels=responseTime/);
      await expect(graph.view).toHaveAttribute("data-edge-labels", "responseTime");
      await expect
        .poll(async () => (await graph.edgeLabelTexts()).filter((t) => /^\d+(\.\d+)? m?s$/.test(t)).length)
        .toBeGreaterThan(0);

      // Hide the v1 versions.
      await graph.setHide("version = v1");
      await expect(page).toHaveURL(/hide=version%20%3D%20v1/);
      await expect(graph.node(/^productpage v1/)).toHaveAttribute("data-hidden", "true");
      const hidden = await graph.nodeTitles(true);
      const shown = await graph.nodeTitles(false);
      expect(hidden.length).toBeGreaterThan(0);
      expect(hidden.every((t) => t.endsWith(" v1"))).toBe(true);
      expect(shown.some((t) => t.endsWith(" v1"))).toBe(false);
      await expect.poll(async () => Number(await graph.view.getAttribute("data-hidden-nodes"))).toBe(hidden.length);
    });

    test("reproduces a view from its link, and focuses on a node from its menu", async ({ page }) => {
      const graph = new GraphPage(page);
      await graph.open("namespaces=bookinfo&graphType=versionedApp&duration=300s&edgeLabels=requestRate&refresh=10000");
      await graph.waitForDrawn(trafficTimeout);
      await expect(graph.edgeLabels).toHaveValue("requestRate");
      await expect
        .poll(async () => (await graph.edgeLabelTexts()).filter((t) => / rps/.test(t)).length, {
          timeout: trafficTimeout,
        })
        .toBeGreaterThan(0);

      const ratings = graph.nodeButton(/^ratings v1/);
      await expect(ratings).toBeVisible({ timeout: trafficTimeout });
      await graph.nodeList.getByRole("button", { name: /^Actions for ratings v1/ }).click();
      await page.getByRole("menuitem", { name: "Focus on this node" }).click();
      // The link names the node, and the page reads its node graph: ratings, its callers and what it calls.
      await expect(page).toHaveURL(/focus=bookinfo%2Fapp%2Fratings%2Fv1/);
      await expect(page.getByText(/Focused on ratings v1/)).toBeVisible();
      await expect(graph.node(/^reviews v2/)).toHaveAttribute("data-hidden", "false");
      await expect(graph.node(/^ratings v1/)).toHaveAttribute("data-hidden", "false");
      // details and productpage are not ratings' direct peers: not drawn at all.
      await expect(graph.node(/^details v1/)).toHaveCount(0);
      await expect(graph.node(/^productpage v1/)).toHaveCount(0);
    });

    test("animates traffic with marks that move faster on busier edges", async ({ page }) => {
      const graph = new GraphPage(page);
      await graph.open("namespaces=bookinfo&graphType=versionedApp&duration=300s&edgeLabels=requestRate&animate=true");
      await graph.waitForDrawn(trafficTimeout);
      const rps = (label: string) => Number(/^([\d.]+) rps/.exec(label)?.[1] ?? Number.NaN);
      const httpEdges = async () =>
        (await graph.edgeMotions()).filter((e) => Number.isFinite(rps(e.label)) && rps(e.label) > 0);
      await expect
        .poll(async () => new Set((await httpEdges()).map((e) => rps(e.label))).size, {
          timeout: trafficTimeout,
        })
        .toBeGreaterThan(1);
      const edges = await httpEdges();
      for (const a of edges)
        for (const b of edges) if (rps(a.label) > rps(b.label)) expect(a.speed!).toBeGreaterThan(b.speed!);
      await expect.poll(() => graph.animationMarks()).toBeGreaterThan(0);
      // Marks pass under the edges' labels, which stay readable: none is painted over one, frame after frame.
      for (let frame = 0; frame < 20; frame++) {
        expect(await graph.animationPixelsOverEdgeLabels(), `frame ${frame}`).toBe(0);
        await page.waitForTimeout(60);
      }
    });

    test("boxes four namespaces apart and draws no label over another", async ({ page }) => {
      const namespaces = ["bookinfo", "httpbin", "istio-system", "tcp-echo"];
      const graph = new GraphPage(page);
      await graph.open(`namespaces=${namespaces.join(",")}&graphType=versionedApp&duration=300s&refresh=10000`);
      await graph.waitForDrawn(trafficTimeout);
      // Each namespace gets a frame once its traffic has reached Prometheus.
      await expect
        .poll(
          async () =>
            (await graph.renderedNodes())
              .filter((n) => n.kind === "namespace" && n.visible)
              .map((n) => n.label)
              .sort(),
          { timeout: trafficTimeout },
        )
        .toEqual(namespaces);
      await graph.canvasRegion.focus();
      await page.keyboard.press("f");

      const nodes = (await graph.renderedNodes()).filter((n) => n.visible);
      const frames = nodes.filter((n) => n.kind === "namespace");
      for (const [i, a] of frames.entries())
        for (const b of frames.slice(i + 1)) expect(overlap(a.body, b.body), `${a.label} / ${b.label}`).toBe(false);

      // Every app box sits in its namespace's frame.
      const byId = new Map(nodes.map((n) => [n.id, n]));
      for (const box of nodes.filter((n) => n.kind === "app"))
        expect(byId.get(box.parent ?? "")?.kind, `${box.label}'s parent`).toBe("namespace");

      // No node's label overlaps another node's label or shape.
      const leaves = nodes.filter((n) => n.kind === "node");
      expect(leaves.length).toBeGreaterThan(8);
      for (const a of leaves) {
        if (!a.labelBox) continue;
        for (const b of leaves) {
          if (a === b) continue;
          expect(overlap(a.labelBox, b.body), `label of ${a.id} over ${b.id}`).toBe(false);
          if (b.labelBox) expect(overlap(a.labelBox, b.labelBox), `labels of ${a.id} and ${b.id}`).toBe(false);
        }
      }
    });

    test("keeps the keys working after a click on the canvas, and zooms from the on-screen buttons", async ({
      page,
    }) => {
      const graph = new GraphPage(page);
      await graph.open("namespaces=bookinfo&refresh=10000");
      await graph.waitForDrawn(trafficTimeout);
      const width = async () => {
        const nodes = (await graph.renderedNodes()).filter((n) => n.kind === "node");
        return Math.max(...nodes.map((n) => n.body.x2 - n.body.x1));
      };
      await graph.hideInput.focus();
      // A click on the canvas (Cytoscape cancels the mousedown) still gives it the keys.
      const canvas = (await page.getByTestId("graph-canvas").boundingBox())!;
      await page.mouse.click(canvas.x + 5, canvas.y + 5);
      await expect(graph.canvasRegion).toBeFocused();
      const before = await width();
      await page.keyboard.press("+");
      await expect.poll(width).toBeGreaterThan(before * 1.1);
      // Had the Hide field kept the focus, the key would have been typed there.
      await expect(graph.hideInput).toHaveValue("");
      await page.getByRole("button", { name: "Zoom out" }).click();
      await page.getByRole("button", { name: "Zoom out" }).click();
      await expect.poll(width).toBeLessThan(before);
    });

    test("opens a node's detail page from the title of its panel", async ({ page }) => {
      const graph = new GraphPage(page);
      await graph.open("namespaces=bookinfo&graphType=versionedApp&duration=300s&refresh=10000");
      await graph.waitForDrawn(trafficTimeout);
      await graph.nodeButton(/^productpage v1/).click();
      // A versioned app's title opens its application, as Kiali's side panel does.
      await graph.nodePanelTitleLink("productpage v1").click();
      await expect(page).toHaveURL(/\/namespaces\/bookinfo\/applications\/productpage(\?|$)/);
      await expect(page.getByRole("heading", { level: 1, name: /productpage$/ })).toBeVisible();
    });

    test("labels Bookinfo's edges with their throughput in bytes per second", async ({ page }) => {
      const graph = new GraphPage(page);
      await graph.open("namespaces=bookinfo&graphType=versionedApp&duration=300s&edgeLabels=throughput&refresh=10000");
      await graph.waitForDrawn(trafficTimeout);
      await expect(graph.edgeLabels).toHaveValue("throughput");
      // lib/graph-view/edge-labels.ts formatBytesPerSecond: "512 B/s", "1.5 KiB/s", "2.0 MiB/s".
      await expect
        .poll(
          async () => (await graph.edgeLabelTexts()).filter((t) => /^\d+(\.\d)? (B|KiB|MiB|GiB)\/s$/.test(t)).length,
          {
            timeout: trafficTimeout,
          },
        )
        .toBeGreaterThan(0);
    });

    test("refetches after a weight change from its node menu and shows the traffic-shifting badge without a refresh", async ({
      page,
    }) => {
      // Start from "all of reviews to v1" without weights (a VirtualService, no shifting), and leave
      // reviews as it was found: the later specs start from the state they need (traffic-wizards.spec.ts).
      const before = await readReviewsRoutes();
      await routeAllReviewsToV1();
      try {
        const graph = new GraphPage(page);
        // Polling off: only the console's own refetch after the change can bring the badge.
        await graph.open("namespaces=bookinfo&graphType=versionedApp&duration=300s&refresh=0");
        await graph.waitForDrawn(trafficTimeout);
        await expect(graph.nodeButton(/^reviews v1/)).toBeVisible({ timeout: trafficTimeout });
        await expect.poll(() => graph.nodeDescription(/^reviews v1/)).toContain("VirtualService");
        expect(await graph.nodeDescription(/^reviews v1/)).not.toContain("Traffic shifting");

        const wizard = new TrafficWizardPage(page);
        await wizard.openFromGraph("reviews v1", "Traffic shifting");
        await wizard.setSlider("reviews", "v3", 50);
        await wizard.preview();
        await wizard.apply();
        await wizard.close();

        // No reload, no "Refresh now": the graph query was invalidated by the apply (lib/queries/mesh-changed.ts).
        await expect
          .poll(() => graph.nodeDescription(/^reviews v1/), { timeout: 15_000 })
          .toContain("Traffic shifting");
        await expect(page.getByRole("button", { name: "Refresh now" })).toBeEnabled();
      } finally {
        if (before) await routeAllReviewsToV1();
        else await deleteReviewsRoutes();
      }
    });

    test("is usable from the keyboard", async ({ page }) => {
      const graph = new GraphPage(page);
      await graph.open("namespaces=bookinfo&refresh=10000");
      await graph.waitForDrawn(trafficTimeout);
      await expect(page.getByText(/Keys on the graph: f fit/)).toBeVisible();
      await graph.canvasRegion.focus();
      await page.keyboard.press("f");
      await page.keyboard.press("+");
      await graph.nodeButton(/^productpage v1/).focus();
      await page.keyboard.press("Enter");
      await expect(graph.nodePanel("productpage v1")).toBeVisible();
      await graph.canvasRegion.focus();
      await page.keyboard.press("Shift+F10");
      await expect(page.getByRole("menuitem", { name: "Show details" })).toBeVisible();
      await page.keyboard.press("Escape");
    });
  });
});
