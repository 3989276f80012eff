import { expect, test, type Page } from "@playwright/test";
import { GraphPage } from "../pages/graph-page";
import { InventoryPage } from "../pages/inventory-page";
import { ShellPage } from "../pages/shell-page";
import { SignInPage } from "../pages/sign-in-page";
import {
  editorWrites,
  expectViewOnlyGraphAndRoutes,
  expectWizardEntryBy,
  graphOfBookinfo,
  openReviewsRoutes,
  shiftReviews80To20,
} from "../support/access-checks";
import { deleteReviewsRoutes, reviewsSplit, routeAllReviewsToV1 } from "../support/reviews-routes";

/**
 * Issue 16's acceptance under the token strategy, with the simulator's demo users
 * (sim/scenarios/demo-tokens.csv, RBAC in sim/scenarios/default/41-demo-users.yaml): alice
 * edits bookinfo, bob views bookinfo and httpbin, carol views bookinfo only. In order: bob
 * replays the very write alice's wizard made.
 */
test.describe.configure({ mode: "serial" });

async function signIn(page: Page, name: string, path = "/") {
  await page.goto(path);
  const signIn = new SignInPage(page);
  await signIn.signInWith(`topsail-demo-${name}`);
  await expect(signIn.signedInUser).toHaveText(name);
}

async function namespacesInSelector(page: Page): Promise<string[]> {
  const shell = new ShellPage(page);
  await shell.open("/");
  await shell.namespaceSelector.click();
  const items = page.getByRole("menu").getByRole("menuitemcheckbox");
  await expect(items.filter({ hasText: "bookinfo" })).toBeVisible();
  const names = await items.allInnerTexts();
  await page.keyboard.press("Escape");
  return names.map((n) => n.trim());
}

let alicesWrite: unknown;

test.describe("access by Kubernetes token, as the cluster's RBAC allows", () => {
  test.beforeAll(routeAllReviewsToV1);
  test.afterAll(deleteReviewsRoutes);

  test("alice shifts reviews to 80/20 with the wizard, and the audit entry names her", async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, "alice", graphOfBookinfo);
    await expect(page).toHaveURL(/\/graph\?namespaces=bookinfo&duration=60$/);
    await new GraphPage(page).waitForDrawn(120_000);
    alicesWrite = await shiftReviews80To20(page);
    await expectWizardEntryBy(page, "alice");
    // The editor's write buttons are there for her: what bob's test expects to be missing.
    await openReviewsRoutes(page);
    await expect(editorWrites(page)).toHaveCount(2);
  });

  test("bob sees the graph and the VirtualService without write buttons, and the same write answers 403 naming him", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, "bob");
    expect(await namespacesInSelector(page)).toEqual(expect.arrayContaining(["bookinfo", "httpbin"]));
    await expectViewOnlyGraphAndRoutes(page);

    expect(alicesWrite).toBeDefined();
    // Alice's write again, as bob, on reviews as it was before her change (replayed on her
    // result it would change nothing and need no permission). Without her `base`: the versions
    // she started from are stale now (409 before RBAC is asked). Bob's own session and CSRF
    // token, so only the cluster can refuse it.
    await routeAllReviewsToV1();
    const { base: _stale, ...write } = alicesWrite as { base?: unknown };
    const answer = await page.evaluate(async (body) => {
      const session = (await (await fetch("/api/auth/session")).json()) as { csrfToken: string };
      const response = await fetch("/api/traffic/bookinfo/reviews/traffic-shifting", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": session.csrfToken },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { error?: { message?: string } } };
    }, write);
    expect(answer.status).toBe(403);
    expect(answer.body.error?.message).toMatch(/"bob"/);
    expect(answer.body.error?.message).toMatch(/cannot (update|patch|create)\b/);
    expect(await reviewsSplit()).toEqual([["v1", undefined]]);
  });

  test("carol does not see httpbin in the namespace selector, the lists or the graph", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, "carol");
    const names = await namespacesInSelector(page);
    expect(names).toContain("bookinfo");
    expect(names).not.toContain("httpbin");

    // Asked for by URL, httpbin's services still do not show.
    const services = new InventoryPage(page, "Services");
    await services.open("bookinfo,httpbin");
    await expect(services.row("productpage")).toBeVisible();
    await expect(services.row("httpbin")).toHaveCount(0);

    // The graph of what she may see has no httpbin node; asking for httpbin's graph answers as
    // for a namespace that does not exist, so it does not even tell her httpbin is there.
    const graph = new GraphPage(page);
    await graph.open("namespaces=bookinfo&duration=60");
    await graph.waitForDrawn(120_000);
    await expect(graph.nodeButton(/^productpage/).first()).toBeVisible();
    await expect(graph.nodeButton(/httpbin/)).toHaveCount(0);
    for (const hidden of ["httpbin", "no-such-namespace"]) {
      await graph.open(`namespaces=bookinfo,${hidden}&duration=60`);
      await expect(graph.view).toHaveAttribute("data-graph-state", "error");
      await expect(graph.view.getByRole("alert")).toContainText(`Namespace "${hidden}" not found`);
    }
  });

  test("signing out ends the session: a reload lands on /sign-in and the API answers 401", async ({ page }) => {
    await signIn(page, "carol", "/services?namespaces=bookinfo");
    await new SignInPage(page).signOut.click();
    await expect(page).toHaveURL(/\/sign-in$/);
    // Loading the page again (goBack + reload raced the page's own redirect on its first 401).
    await page.goto("/services?namespaces=bookinfo");
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    expect((await page.request.get("/api/namespaces")).status()).toBe(401);
  });
});
