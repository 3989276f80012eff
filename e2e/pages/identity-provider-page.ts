import type { Locator, Page } from "@playwright/test";

/** The login form of the tests' OpenID provider (server/auth/test-support/start-identity-provider.ts). */
export class IdentityProviderPage {
  readonly userName: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.userName = page.getByLabel("User name");
    this.submit = page.getByRole("button", { name: "Continue" });
  }

  async logIn(user: string) {
    await this.userName.fill(user);
    await this.submit.click();
  }
}
