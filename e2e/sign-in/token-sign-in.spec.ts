import { expect, test } from "@playwright/test";
import { SignInPage } from "../pages/sign-in-page";

test.describe("signing in with a Kubernetes token", () => {
  test("alice signs in, sees her name in the top bar and the page she asked for, and signing out returns to /sign-in", async ({
    page,
  }) => {
    const signIn = new SignInPage(page);
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faudit$/);

    await signIn.signInWith("topsail-demo-alice");
    await expect(page).toHaveURL(/\/audit$/);
    await expect(signIn.signedInUser).toHaveText("alice");

    await signIn.signOut.click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  });

  test("the API answers only a signed-in browser, and its writes only with the session's CSRF token", async ({
    page,
    playwright,
    baseURL,
  }) => {
    const nobody = await playwright.request.newContext({ baseURL });
    const refused = await nobody.get("/api/namespaces");
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in at /sign-in" } });
    await nobody.dispose();

    const signIn = new SignInPage(page);
    await page.goto("/sign-in");
    await signIn.signInWith("topsail-demo-alice");
    await expect(signIn.signedInUser).toHaveText("alice");
    // The browser's own cookie jar: the session cookie goes with these.
    expect((await page.request.get("/api/namespaces")).status()).toBe(200);
    const validate = { data: { yaml: "kind: VirtualService" } };
    const withoutToken = await page.request.post("/api/istio/objects/validate", validate);
    expect(withoutToken.status()).toBe(403);
    const { csrfToken } = (await (await page.request.get("/api/auth/session")).json()) as { csrfToken: string };
    const withToken = await page.request.post("/api/istio/objects/validate", {
      ...validate,
      headers: { "X-CSRF-Token": csrfToken },
    });
    expect(withToken.status()).not.toBe(403);
  });

  test("a token the cluster does not know is refused with the reason", async ({ page }) => {
    const signIn = new SignInPage(page);
    await page.goto("/sign-in");
    await signIn.signInWith("not-a-token-of-this-cluster");
    await expect(signIn.alert).toContainText("does not accept this token");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});
