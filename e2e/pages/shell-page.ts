import { expect, type Locator, type Page } from "@playwright/test";

/** The application shell: navigation, top bar and the Overview's connection cards. */
export class ShellPage {
  readonly nav: Locator;
  readonly namespaceSelector: Locator;
  readonly connections: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Main" });
    this.namespaceSelector = page.getByRole("button", { name: "Namespaces" });
    this.connections = page.getByRole("list", { name: "Connections" });
  }

  async open(path = "/") {
    await this.page.goto(path);
    await expect(this.nav).toBeVisible();
  }

  statusCard(part: "Kubernetes" | "Prometheus" | "Database"): Locator {
    return this.page.getByRole("article", { name: `${part} status` });
  }
}
