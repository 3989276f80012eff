import type { Locator, Page } from "@playwright/test";

/** /sign-in (the token form or the OpenID link), and the top bar's user and Sign out button. */
export class SignInPage {
  readonly token: Locator;
  readonly submit: Locator;
  readonly openId: Locator;
  readonly alert: Locator;
  readonly signedInUser: Locator;
  readonly signOut: Locator;

  constructor(readonly page: Page) {
    this.token = page.getByLabel("Kubernetes token");
    this.submit = page.getByRole("button", { name: "Sign in" });
    this.openId = page.getByRole("link", { name: "Sign in with OpenID" });
    // Within the page: Next.js keeps a route announcer with the alert role too.
    this.alert = page.getByRole("main").getByRole("alert");
    this.signedInUser = page.getByTestId("signed-in-user");
    this.signOut = page.getByRole("button", { name: "Sign out" });
  }

  async signInWith(token: string) {
    await this.token.fill(token);
    await this.submit.click();
  }
}
