import { expect, test, type APIRequestContext } from "@playwright/test";
import { AuditPage } from "../pages/audit-page";
import { GraphPage } from "../pages/graph-page";
import { TrafficWizardPage } from "../pages/traffic-wizard-page";
import { deleteVirtualService, putVirtualService, readVirtualService } from "../support/virtual-services";

/**
 * The traffic wizards against the simulator, as a user drives them: sliders by keyboard,
 * the preview's diff, apply, the object read back through the Kubernetes API, the traffic
 * seen in the graph API, and a rollback from the audit page. The simulator starts fresh each
 * run; its Bookinfo load is raised through its control API so windows fill in seconds.
 */
const control = "http://127.0.0.1:15190/control/load";
interface GraphAnswer {
  elements: {
    nodes: { data: { id: string; app?: string; version?: string; service?: string } }[];
    edges: { data: { source: string; target: string; traffic?: { rates?: Record<string, string> } } }[];
  };
}

/**
 * HTTP rate into each version of `app`, and its 5xx rate, from the graph API's edges. Errors
 * the client proxy answers (a fault abort) never reach a version: they end at the app's
 * service node, so those edges count for errors too.
 */
async function ratesInto(
  request: APIRequestContext,
  app: string,
): Promise<{ byVersion: Record<string, number>; errors: number }> {
  const response = await request.get("/api/namespaces/graph?namespaces=bookinfo&duration=30s");
  const graph = (await response.json()) as GraphAnswer;
  const nodes = new Map(graph.elements.nodes.map((n) => [n.data.id, n.data]));
  const byVersion: Record<string, number> = {};
  let errors = 0;
  for (const { data } of graph.elements.edges) {
    const target = nodes.get(data.target);
    const intoVersion = target?.app === app && target.version !== undefined;
    const intoService = target?.service === app && !target.version;
    if (!intoVersion && !intoService) continue;
    if (intoVersion && target?.version)
      byVersion[target.version] = (byVersion[target.version] ?? 0) + Number(data.traffic?.rates?.http ?? 0);
    errors += Number(data.traffic?.rates?.http5xx ?? 0);
  }
  return { byVersion, errors };
}

test.describe("traffic wizards", () => {
  test.beforeAll(async ({ request }) => {
    await request.put(control, { data: { entryPoint: "bookinfo-ingress", requestsPerSecond: 200, jasonShare: 0.5 } });
  });
  test.afterAll(async ({ request }) => {
    await request.put(control, { data: { entryPoint: "bookinfo-ingress", requestsPerSecond: 20, jasonShare: 0.1 } });
  });

  test("shifts reviews to v1 50 / v3 50 with the sliders, and rolls it back from the audit page", async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    // Someone routed everything to v1 with kubectl before: the audit log's "before".
    const allV1 = { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }] }] };
    await putVirtualService("reviews", allV1.http);

    const graph = new GraphPage(page);
    await graph.open("namespaces=bookinfo&duration=60");
    await graph.waitForDrawn(120_000);
    const wizard = new TrafficWizardPage(page);
    await wizard.openFromGraph("reviews v1", "Traffic shifting");
    expect(await wizard.sliderValue("reviews", "v1")).toBe(100);
    await wizard.setSlider("reviews", "v3", 50);
    expect(await wizard.sliderValue("reviews", "v1")).toBe(50);
    expect(await wizard.sliderValue("reviews", "v2")).toBe(0);
    await expect(page.getByTestId("split-preview")).toContainText("v3 50%");

    await wizard.preview();
    const diff = wizard.diff(/VirtualService bookinfo\/reviews will be changed/);
    await expect(diff.locator('[data-op="add"]').filter({ hasText: "subset: v3" })).toHaveCount(1);
    await expect(diff.locator('[data-op="add"]').filter({ hasText: "weight: 50" })).toHaveCount(2);
    await wizard.apply();

    const live = await readVirtualService("reviews");
    expect(live?.spec.http?.[0]?.route?.map((r) => [r.destination.subset, r.weight])).toEqual([
      ["v1", 50],
      ["v3", 50],
    ]);

    // The graph API's 30 s window fills with the new split (high load: seconds, not minutes).
    // Until the window has passed it still holds the earlier v1-only traffic, so wait for the
    // whole picture — v1 and v3 about half each, v2 gone — not just for v3 to appear.
    const split = async () => {
      const { byVersion } = await ratesInto(request, "reviews");
      const total = Object.values(byVersion).reduce((s, x) => s + x, 0);
      const share = (v: string) => (total > 0 ? Math.round(((byVersion[v] ?? 0) / total) * 100) : 0);
      return { v1: share("v1"), v2: share("v2"), v3: share("v3") };
    };
    const settled = (s: { v1: number; v2: number; v3: number }) =>
      s.v1 >= 40 && s.v1 <= 60 && s.v3 >= 40 && s.v3 <= 60 && s.v2 <= 2;
    await expect.poll(async () => settled(await split()), { timeout: 120_000, intervals: [3_000] }).toBe(true);
    const final = await split();
    expect(final.v1).toBeGreaterThanOrEqual(40);
    expect(final.v3).toBeGreaterThanOrEqual(40);

    // Undo the wizard's change from the audit page: the kubectl version comes back.
    const audit = new AuditPage(page);
    await audit.open({ namespaces: "bookinfo", kind: "VirtualService", name: "reviews" });
    await audit.select(audit.row("wizard").first());
    await expect(page.getByTestId("yaml-diff").first()).toContainText("weight: 50");
    await audit.rollBack("Undo this change");
    expect((await readVirtualService("reviews"))?.spec).toEqual(allV1);
    await expect(audit.row("rollback").first()).toBeVisible({ timeout: 15_000 });
  });

  test("aborts ratings for end-user jason, and removing the fault restores the previous spec", async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    // Only reviews v2 and v3 call ratings: let every version of reviews take traffic again.
    await deleteVirtualService("reviews");
    await deleteVirtualService("ratings");
    const before = await readVirtualService("ratings");
    const graph = new GraphPage(page);
    await graph.open("namespaces=bookinfo&duration=60");
    await graph.waitForDrawn(120_000);
    const wizard = new TrafficWizardPage(page);
    await wizard.openFromGraph("ratings v1", "Fault injection");
    await wizard.dialog.getByLabel("Requests", { exact: true }).selectOption("header");
    await wizard.dialog.getByLabel("Header", { exact: true }).fill("end-user");
    await wizard.dialog.getByLabel("Value", { exact: true }).fill("jason");
    await wizard.dialog.getByLabel("Abort", { exact: true }).check();
    await expect(wizard.dialog.getByLabel("HTTP status")).toHaveValue("500");
    await expect(wizard.dialog.getByLabel("Abort percentage")).toHaveValue("100");
    await wizard.preview();
    await expect(wizard.diff(/VirtualService bookinfo\/ratings will be created/)).toContainText("httpStatus: 500");
    await wizard.apply();
    expect((await readVirtualService("ratings"))?.spec.http?.[0]?.fault).toEqual({
      abort: { httpStatus: 500, percentage: { value: 100 } },
    });

    await expect
      .poll(async () => (await ratesInto(request, "ratings")).errors, { timeout: 90_000, intervals: [3_000] })
      .toBeGreaterThan(0);

    await wizard.close();
    await wizard.openFromGraph("ratings v1", "Fault injection");
    await expect(wizard.dialog.getByLabel("Value", { exact: true })).toHaveValue("jason");
    await wizard.dialog.getByLabel("Abort", { exact: true }).uncheck();
    await wizard.preview();
    await wizard.apply();
    expect(await readVirtualService("ratings")).toEqual(before);
  });
});
