import { expect, test, type APIRequestContext } from "@playwright/test";
import { DetailPage } from "../pages/detail-page";
import { GraphPage } from "../pages/graph-page";
import { TracePage } from "../pages/trace-page";
import { deleteVirtualService, jasonMatch, putVirtualService, routeTo } from "../support/virtual-services";

/**
 * Issue 18 as an SRE walks it: from a red edge to the access-log lines behind it, to their
 * trace, to the Envoy route that handled them. The simulator's proxies write the access logs
 * (pods/log), its Jaeger query API serves the traces, and each proxy's admin API answers
 * through pods/portforward. Every test puts back what it changed: the specs share one
 * simulator.
 */
const control = "http://127.0.0.1:15190/control/load";
const trafficTimeout = 60_000;

/** A trace list's duration ("6.02 s", "27 ms") in seconds. */
function secondsOf(text: string): number {
  const match = /([\d.]+)\s*(ms|s)\b/.exec(text);
  if (!match) return 0;
  return Number(match[1]) / (match[2] === "ms" ? 1000 : 1);
}

async function setLoad(request: APIRequestContext, requestsPerSecond: number, jasonShare: number): Promise<void> {
  const answer = await request.put(control, {
    data: { entryPoint: "bookinfo-ingress", requestsPerSecond, jasonShare },
  });
  expect(answer.ok()).toBe(true);
}

test.describe("logs, traces and Envoy config", () => {
  test.setTimeout(trafficTimeout * 3);

  test.afterEach(async ({ request }) => {
    await deleteVirtualService("ratings");
    await deleteVirtualService("reviews");
    await setLoad(request, 20, 0.1);
  });

  test("a ratings abort: the red edge's FI lines, then their trace with the aborted ratings span", async ({
    page,
    request,
  }) => {
    // Everyone sees reviews v2, which calls ratings; every call to ratings is aborted.
    await putVirtualService("reviews", [{ route: [routeTo("reviews", "v2")] }]);
    await putVirtualService("ratings", [
      { fault: { abort: { httpStatus: 503, percentage: { value: 100 } } }, route: [routeTo("ratings", "v1")] },
    ]);
    await setLoad(request, 60, 0.1);

    const graph = new GraphPage(page);
    await graph.open("namespaces=bookinfo&graphType=versionedApp&duration=60s&refresh=10000");
    await graph.waitForDrawn(trafficTimeout);
    // The aborted calls end at ratings' service node: Envoy answered them, no version did.
    const redEdge = graph.edgeList
      .locator('li[data-source="reviews v2"][data-health="failure"]')
      .filter({ has: page.getByRole("button", { name: /→ ratings/ }) })
      .first();
    await expect(redEdge).toBeVisible({ timeout: trafficTimeout });
    await redEdge.getByRole("button").click();

    const panel = page.getByTestId("edge-panel");
    await expect(panel).toContainText("FI");
    await panel.getByRole("link", { name: "Access log lines with code 503 and flag FI" }).click();

    await expect(page.getByRole("heading", { name: "Edge access logs" })).toBeVisible();
    const lines = page.getByTestId("access-line");
    await expect(lines.first()).toBeVisible({ timeout: 20_000 });
    // Only the source's lines can match: the aborted requests never reached ratings' proxy.
    const texts = await lines.allInnerTexts();
    expect(texts.every((t) => /\b503\b/.test(t) && /\bFI\b/.test(t))).toBe(true);
    expect(texts.every((t) => t.includes("outbound|9080|v1|ratings.bookinfo.svc.cluster.local"))).toBe(true);

    await lines.first().getByRole("link", { name: "trace" }).click();
    const trace = new TracePage(page);
    await expect(trace.detail).toBeVisible({ timeout: 20_000 });
    const aborted = trace.spansOf("reviews-v2", "FI");
    await expect(aborted).toHaveCount(1);
    await expect(aborted).toHaveAttribute("data-error", "true");
    expect(await trace.failedSpans()).toContain("reviews-v2 FI");
    // The join goes on to the Envoy route that answered: reviews' proxy, the ratings host.
    await trace.expand(aborted);
    await expect(trace.envoyLink(aborted)).toHaveAttribute("href", /tab=envoy/);
  });

  test("a 7 s delay for jason: slow traces in the scatter, and productpage giving up on reviews", async ({
    page,
    request,
  }) => {
    await putVirtualService("reviews", [
      { match: jasonMatch, route: [routeTo("reviews", "v2")] },
      { route: [routeTo("reviews", "v1")] },
    ]);
    await putVirtualService("ratings", [
      {
        match: jasonMatch,
        fault: { delay: { fixedDelay: "7s", percentage: { value: 100 } } },
        route: [routeTo("ratings", "v1")],
      },
      { route: [routeTo("ratings", "v1")] },
    ]);
    await setLoad(request, 20, 0.5);

    const detail = new DetailPage(page);
    await detail.open("services", "bookinfo", "productpage", "tab=traces&range=300");
    const tab = page.getByTestId("traces-tab");
    await expect(tab).toBeVisible();
    const scatter = page.getByTestId("trace-scatter");
    const rows = page.getByTestId("trace-list").locator("tr[data-trace-id]");
    // jason's requests take productpage's two 3 s tries to reviews: about 6 s each. The list keeps showing the last
    // answer while a new search runs, so a search counts once every trace it lists took 5 s or more.
    const slowTraces = async (): Promise<number> => {
      await detail.filterTraces({ minDurationMs: 5_000 });
      await expect(tab.locator("[aria-busy]").first()).toHaveAttribute("aria-busy", "false");
      const seconds = (await rows.locator("td:nth-child(2)").allInnerTexts()).map(secondsOf);
      return seconds.length > 0 && seconds.every((s) => s >= 5) ? seconds.length : 0;
    };
    await expect.poll(slowTraces, { timeout: trafficTimeout, intervals: [3_000] }).toBeGreaterThan(0);
    // The scatter plots the same slow traces.
    expect(Number(await scatter.getAttribute("data-trace-count"))).toBe(await rows.count());

    await rows.first().getByRole("link").first().click();
    const trace = new TracePage(page);
    await expect(trace.detail).toBeVisible();
    // productpage's proxy saw its app hang up on reviews twice (DC, no response), 3 s each.
    await expect(trace.spansOf("productpage-v1", "DC")).toHaveCount(2);
    await expect(trace.spansOf("reviews-v2").first()).toBeVisible();
  });

  test("productpage's Envoy routes show the reviews rules in order, and follow a weight shift", async ({ page }) => {
    await putVirtualService("reviews", [
      { match: jasonMatch, route: [routeTo("reviews", "v2")] },
      { route: [routeTo("reviews", "v1", 80), routeTo("reviews", "v3", 20)] },
    ]);
    const detail = new DetailPage(page);
    await detail.open("workloads", "bookinfo", "productpage-v1", "tab=envoy");
    await detail.showEnvoyView("Routes");
    const vhost = "reviews.bookinfo.svc.cluster.local:9080";
    await expect(detail.virtualHost(vhost)).toBeVisible({ timeout: 20_000 });
    await expect
      .poll(async () => (await detail.routeTexts(vhost)).join("\n"), { timeout: 20_000, intervals: [1_000] })
      .toMatch(/jason[\s\S]*v2[\s\S]*\n[\s\S]*80% outbound\|9080\|v1\|reviews[\s\S]*20% outbound\|9080\|v3\|reviews/);
    const [first, second] = await detail.routeTexts(vhost);
    expect(first).toContain("jason");
    expect(second).not.toContain("jason");

    // Shift the default rule to 30/70 and re-read: the proxy's routes follow within seconds.
    await putVirtualService("reviews", [
      { match: jasonMatch, route: [routeTo("reviews", "v2")] },
      { route: [routeTo("reviews", "v1", 30), routeTo("reviews", "v3", 70)] },
    ]);
    await expect
      .poll(
        async () => {
          await page.getByRole("button", { name: "Refresh" }).click();
          return (await detail.routeTexts(vhost))[1] ?? "";
        },
        { timeout: 20_000, intervals: [1_000] },
      )
      .toMatch(/30% outbound\|9080\|v1\|reviews[\s\S]*70% outbound\|9080\|v3\|reviews/);
  });
});
