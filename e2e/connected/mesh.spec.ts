import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { MeshPage } from "../pages/mesh-page";
import { OverviewPage } from "../pages/overview-page";

/**
 * Issue 19's acceptance for proxy sync: the Mesh page shows istiod, both gateways and every proxy SYNCED (istiod's
 * /debug/syncz through pods/portforward); a proxy made stale in the simulator shows STALE there and on the Overview.
 * The spec puts the proxy back: the specs share one simulator.
 */
const control = "http://127.0.0.1:15190/control/proxies";
// The console shares its answer for 5 s and the page refreshes every 15 s; a reload shows the change sooner.
const syncTimeout = 30_000;

async function detailsPod(): Promise<string> {
  const config = new KubeConfig();
  config.loadFromFile(".topsail/e2e/kubeconfig");
  const pods = await config
    .makeApiClient(CoreV1Api)
    .listNamespacedPod({ namespace: "bookinfo", labelSelector: "app=details" });
  const name = pods.items.find((p) => p.status?.phase === "Running")?.metadata?.name;
  if (!name) throw new Error("no running details pod");
  return name;
}

async function setStale(request: APIRequestContext, pod: string, stale: boolean): Promise<void> {
  const answer = await request.put(`${control}/bookinfo/${pod}`, { data: { stale } });
  expect(answer.ok(), await answer.text()).toBe(true);
}

test.describe("the Mesh page", () => {
  let pod: string;

  test.beforeAll(async () => {
    pod = await detailsPod();
  });

  test.afterEach(async ({ request }) => {
    await setStale(request, pod, false);
  });

  test("shows istiod, both gateways and every proxy SYNCED", async ({ page }) => {
    const mesh = new MeshPage(page);
    await mesh.open();
    await expect(mesh.istiod).toContainText("ready");
    await expect(mesh.istiod).toContainText("Istio 1.24.2");
    await expect(mesh.gateway("istio-ingressgateway")).toContainText("ingress");
    await expect(mesh.gateway("istio-egressgateway")).toContainText("egress");
    await expect(mesh.status("bookinfo", pod)).toHaveText("SYNCED");
    // Every proxy's overall status, sidecars and gateways alike.
    const statuses = mesh.proxies.locator('td[data-column="status"]');
    await expect(statuses.first()).toBeVisible();
    expect(new Set(await statuses.allInnerTexts())).toEqual(new Set(["SYNCED"]));
    await expect(mesh.proxies.locator("tr[data-proxy^='istio-system/istio-ingressgateway-']")).toHaveCount(1);
    await expect(mesh.proxies.locator("tr[data-proxy^='istio-system/istio-egressgateway-']")).toHaveCount(1);
  });

  test("shows istiod's sidecar injector webhooks and the namespaces they inject", async ({ page }) => {
    const mesh = new MeshPage(page);
    await mesh.open();
    const byLabel = mesh.webhook("namespace.sidecar-injector.istio.io");
    await expect(byLabel).toContainText("istiod.istio-system:443/inject");
    await expect(byLabel).toContainText("failure policy Fail");
    await expect(byLabel).toContainText("CA O=cluster.local expires");
    await expect(byLabel.locator('[data-column="namespaces"]')).toContainText("bookinfo");
    await expect(mesh.webhook("object.sidecar-injector.istio.io")).toContainText("opted-in pods of");
    await expect(mesh.injectedNamespace("bookinfo")).toContainText("by namespace.sidecar-injector.istio.io");
    await expect(mesh.injectedNamespace("bookinfo")).not.toContainText("without a sidecar");
  });

  test("a proxy made stale in the simulator shows STALE on the Mesh page and on the Overview", async ({
    page,
    request,
  }) => {
    await setStale(request, pod, true);
    const mesh = new MeshPage(page);
    await expect(async () => {
      await mesh.open();
      await expect(mesh.status("bookinfo", pod)).toHaveText("STALE", { timeout: 2_000 });
    }).toPass({ timeout: syncTimeout });
    await expect(mesh.status("bookinfo", pod, "CDS")).toContainText("STALE");

    const overview = new OverviewPage(page);
    await overview.open();
    const callout = page.getByTestId("proxy-sync-callout");
    await expect(callout).toContainText(`bookinfo/${pod}`);
    await expect(callout).toContainText("STALE");
    await callout.getByRole("link", { name: "See the Mesh page" }).click();
    await expect(page).toHaveURL(/\/mesh$/);
  });
});
