import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { ExperimentReportPage, ExperimentRunPage, NewExperimentPage } from "../pages/experiment-pages";

/**
 * A canary created from the UI and watched to its verdict, against the simulator and a
 * Prometheus scraping it every 2 s. Steps are short (10 s) so the test takes about a
 * minute; the runner on the server does the work, the page only watches.
 */
const control = "http://127.0.0.1:15190/control/load";
const reviewsVs = {
  group: "networking.istio.io",
  version: "v1",
  namespace: "bookinfo",
  plural: "virtualservices",
  name: "reviews",
};

function kube(): CustomObjectsApi {
  const config = new KubeConfig();
  config.loadFromFile(".topsail/e2e/kubeconfig");
  return config.makeApiClient(CustomObjectsApi);
}

async function reviewsExists(): Promise<boolean> {
  return kube()
    .getNamespacedCustomObject(reviewsVs)
    .then(() => true)
    .catch((error: { code?: number }) => {
      if (error.code === 404) return false;
      throw error;
    });
}

test.describe("experiments", () => {
  let createdReviews = false;

  test.beforeAll(async ({ request }) => {
    createdReviews = !(await reviewsExists());
    await request.put(control, { data: { entryPoint: "bookinfo-ingress", requestsPerSecond: 60 } });
  });

  test.afterAll(async ({ request }) => {
    await request.put(control, { data: { entryPoint: "bookinfo-ingress", requestsPerSecond: 20 } });
    // Leave the shared simulator as the other specs expect it: no reviews VirtualService.
    if (createdReviews && (await reviewsExists())) await kube().deleteNamespacedCustomObject(reviewsVs);
  });

  test("creates a canary of reviews v1 → v3 from the form and watches it get promoted", async ({ page }) => {
    test.setTimeout(180_000);
    const form = new NewExperimentPage(page);
    await form.open("canary", "bookinfo", "reviews");
    await expect(form.field("Service")).toHaveValue("reviews");
    await form.pick({ "From subset (A)": "v1", "To subset (B)": "v3" });
    await form.fill({
      "Steps (% to B)": "10, 50, 100",
      "Interval per step (s)": "10",
      "Min success rate (%)": "99",
    });
    await form.submit();

    await expect(page).toHaveURL(/\/experiments\/[a-z0-9]+$/);
    const run = new ExperimentRunPage(page);
    await expect(run.view).toBeVisible();
    await expect(run.weights).toContainText("v3 10%", { timeout: 20_000 });
    await expect(run.gateChart(/v3 success rate %/)).toBeVisible({ timeout: 30_000 });
    await run.waitForVerdict("promoted", 150_000);
    await expect(run.weights).toContainText("v1 0% / v3 100%");
    await expect(run.summary).toContainText("v3 takes 100%");
    await expect(run.stepTable.locator("tr[data-pass=true]")).toHaveCount(3);

    const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const report = new ExperimentReportPage(page);
    await report.open(id);
    await expect(report.report).toHaveAttribute("data-verdict", "promoted");
    // Three weight changes (10%, 50%, 100%), each with its audit entry.
    await expect(report.configChanges).toHaveCount(3);
    for (const change of await report.configChanges.all()) await expect(change).toContainText(/audit [a-z0-9]+/);

    // The report leaves the console as Markdown (for a postmortem) and as the API's JSON.
    const markdown = await report.download("Download Markdown");
    expect(markdown.fileName).toBe(`experiment-canary-reviews-${id}.md`);
    expect(markdown.text).toContain("# Report: Canary reviews v1 → v3");
    expect(markdown.text).toContain("- Verdict: Promoted");
    // A beside B in each step (at 100 % to v3, v1 has no traffic left to measure).
    expect(markdown.text).toMatch(/\| 3 \| 100% \| \d+s \| v3 success rate % [\d.]+ \(v1: (?:[\d.]+|no data)\)/);
    const json = await report.download("Download JSON");
    expect(JSON.parse(json.text)).toMatchObject({ id, verdict: "promoted", spec: { from: "v1", to: "v3" } });

    await page.goto("/experiments");
    await expect(
      page.getByRole("table", { name: "Experiments" }).locator(`tr[data-experiment-id="${id}"]`),
    ).toContainText("Promoted");
  });

  test("drives a canary through the API: pause, resume, then abort rolls it back to 100% A", async ({ request }) => {
    test.setTimeout(90_000);
    // Start from no reviews VirtualService (the promoted canary above left one at 100% v3,
    // and a v1 → v2 canary rightly refuses a rule that also routes to v3).
    if (await reviewsExists()) await kube().deleteNamespacedCustomObject(reviewsVs);
    const spec = {
      kind: "canary",
      namespace: "bookinfo",
      service: "reviews",
      from: "v1",
      to: "v2",
      steps: [20, 100],
      intervalSeconds: 30,
      gates: { minSuccessRate: 99 },
    };
    const created = await request.post("/api/experiments", { data: { spec } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = async () =>
      (await (await request.get(`/api/experiments/${id}`)).json()) as {
        status: string;
        verdict: string | null;
        currentWeight: number;
      };

    // A second experiment on the same service is refused while this one is active.
    expect((await request.post("/api/experiments", { data: { spec } })).status()).toBe(409);

    await expect.poll(async () => (await read()).currentWeight, { timeout: 20_000 }).toBe(20);
    expect((await request.post(`/api/experiments/${id}/pause`)).status()).toBe(202);
    await expect.poll(async () => (await read()).status, { timeout: 20_000 }).toBe("paused");
    expect((await request.post(`/api/experiments/${id}/resume`)).status()).toBe(202);
    await expect.poll(async () => (await read()).status, { timeout: 20_000 }).toBe("running");
    expect((await request.post(`/api/experiments/${id}/abort`)).status()).toBe(202);
    await expect.poll(async () => (await read()).verdict, { timeout: 20_000 }).toBe("aborted");
    expect((await read()).currentWeight).toBe(0);
    expect((await request.post(`/api/experiments/${id}/resume`)).status()).toBe(409);
    expect((await request.post(`/api/experiments/${id}/explode`)).status()).toBe(404);
  });

  test("starts a canary picked from the cluster without typing a word, and it runs", async ({ page }) => {
    test.setTimeout(90_000);
    // The canary needs a rule routing only to A and B: start from no reviews VirtualService,
    // as the API test above leaves it (and as it starts itself).
    if (await reviewsExists()) await kube().deleteNamespacedCustomObject(reviewsVs);
    const form = new NewExperimentPage(page);
    await form.openBlank();
    // A fresh browser has no namespace selected: the form asks rather than guessing `default`.
    await expect(form.field("Namespace")).toHaveValue("");
    await form.pick({
      Namespace: "bookinfo",
      Service: "reviews",
      "From subset (A)": "v1",
      "To subset (B)": "v2",
    });
    // Everything else keeps its defaults (10 / 50 / 100 %, 60 s a step, success ≥ 99 %, 5 requests).
    await expect(form.field("Min requests to B per step")).toHaveValue("5");
    await form.submit();

    await expect(page).toHaveURL(/\/experiments\/[a-z0-9]+$/);
    const run = new ExperimentRunPage(page);
    await expect(run.view).toHaveAttribute("data-status", "running", { timeout: 20_000 });
    await expect(run.weights).toContainText("v2 10%", { timeout: 20_000 });
    // The run page counts down to the next step and gives an ETA, in local time with the zone.
    await expect(run.nextStep).toContainText("Step 2: 50% to v2, if step 1 passes");
    await expect(run.eta).toContainText(/v2 takes 100% in \d+ min/);

    // Every moment in local time with its zone ("14:03:07 CET", "09:03:07 UTC").
    await expect(page.getByRole("list", { name: "Timeline" }).locator("li").first()).toContainText(
      /\d{2}:\d{2}:\d{2} (?:UTC|GMT[+-]\d+(?::\d{2})?|[A-Z]{2,5})/,
    );

    // Leave the mesh as it was: abort puts the rule back (here: no VirtualService again).
    await run.control("Abort").click();
    await run.waitForVerdict("aborted", 30_000);
    await expect.poll(reviewsExists, { timeout: 10_000 }).toBe(false);
  });
});
