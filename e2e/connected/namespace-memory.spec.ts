import { expect, test } from "@playwright/test";
import { GraphPage } from "../pages/graph-page";

/**
 * Issue 21: the namespace selection survives a fresh load. A deep link sets it; a later visit
 * in a new browser context carrying the first one's storage (the same browser, reopened) opens
 * /graph on it without any parameter.
 */
test("a fresh browser context opened on /graph remembers bookinfo from a previous visit", async ({
  browser,
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  const first = await browser.newContext({ baseURL });
  const earlier = await first.newPage();
  await earlier.goto("/applications?namespaces=bookinfo");
  await expect(earlier.getByRole("heading", { level: 1 })).toBeVisible();
  // The page remembers the selection once it runs in the browser, not when its server HTML shows.
  await expect.poll(() => earlier.evaluate(() => window.localStorage.getItem("topsail.namespaces"))).toBe("bookinfo");
  const storage = await first.storageState();
  await first.close();

  const second = await browser.newContext({ baseURL, storageState: storage });
  const page = await second.newPage();
  const graph = new GraphPage(page);
  await graph.open("");
  await expect(page).toHaveURL(/[?&]namespaces=bookinfo(&|$)/);
  await graph.waitForDrawn(30_000);
  await expect(graph.nodeButton(/^productpage/).first()).toBeVisible();
  await second.close();
});
