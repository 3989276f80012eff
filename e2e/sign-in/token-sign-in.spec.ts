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

  test("a token the cluster does not know is refused with the reason", async ({ page }) => {
    const signIn = new SignInPage(page);
    await page.goto("/sign-in");
    await signIn.signInWith("not-a-token-of-this-cluster");
    await expect(signIn.alert).toContainText("does not accept this token");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});
