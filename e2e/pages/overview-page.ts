import { expect, type Locator, type Page } from "@playwright/test";

/** The Overview's namespace cards. */
export class OverviewPage {
  readonly section: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole("region", { name: "Namespaces" });
  }

  async open(query = "") {
    await this.page.goto(`/${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  }

  card(namespace: string): Locator {
    return this.page.getByRole("article", { name: namespace, exact: true });
  }

  listLink(namespace: string, kind: "applications" | "workloads" | "services"): Locator {
    return this.card(namespace).getByRole("link", { name: new RegExp(`^\\d+ ${kind}$`) });
  }
}
