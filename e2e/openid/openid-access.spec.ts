import { expect, test, type Page } from "@playwright/test";
import { GraphPage } from "../pages/graph-page";
import { IdentityProviderPage } from "../pages/identity-provider-page";
import { SignInPage } from "../pages/sign-in-page";
import {
  expectViewOnlyGraphAndRoutes,
  expectWizardEntryBy,
  graphOfBookinfo,
  shiftReviews80To20,
} from "../support/access-checks";
import { deleteReviewsRoutes, routeAllReviewsToV1 } from "../support/reviews-routes";

/**
 * Issue 16's acceptance under the openid strategy: a real OpenID provider (oidc-provider, its
 * webServer in playwright.config.ts) logs the user in through its own form, and the console
 * acts for them by impersonation with its service account's token — so alice's change is
 * hers in the cluster and in the audit log, and bob still may only look.
 */
test.describe.configure({ mode: "serial" });

async function signInThroughProvider(page: Page, user: string, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await new SignInPage(page).openId.click();
  const provider = new IdentityProviderPage(page);
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:3214\/interaction\//);
  await provider.logIn(user);
  await expect(new SignInPage(page).signedInUser).toHaveText(user);
}

test.describe("access through OpenID Connect, acted on by impersonation", () => {
  test.beforeAll(routeAllReviewsToV1);
  test.afterAll(deleteReviewsRoutes);

  test("alice logs in at the provider, returns to her page, and her 80/20 shift is attributed to her; signing out ends it", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInThroughProvider(page, "alice", graphOfBookinfo);
    await expect(page).toHaveURL(/:3213\/graph\?namespaces=bookinfo&duration=60$/);
    await new GraphPage(page).waitForDrawn(120_000);
    await shiftReviews80To20(page);
    await expectWizardEntryBy(page, "alice");

    await new SignInPage(page).signOut.click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faudit$/);
    expect((await page.request.get("/api/namespaces")).status()).toBe(401);
  });

  test("bob, through the provider, sees the graph and the VirtualService without write buttons", async ({ page }) => {
    test.setTimeout(180_000);
    await signInThroughProvider(page, "bob", "/");
    await expectViewOnlyGraphAndRoutes(page);
  });
});
