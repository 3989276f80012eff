import { expect, type Locator, type Page } from "@playwright/test";

/** A list page (applications, workloads or services): one table row per item, `data-name` on each. */
export class InventoryPage {
  readonly table: Locator;
  readonly search: Locator;

  constructor(
    readonly page: Page,
    readonly kind: "Applications" | "Workloads" | "Services",
  ) {
    this.table = page.getByRole("table", { name: kind });
    this.search = page.getByLabel("Search");
  }

  async open(namespaces: string) {
    await this.page.goto(`/${this.kind.toLowerCase()}?namespaces=${namespaces}`);
    await expect(this.page.getByRole("heading", { level: 1, name: this.kind })).toBeVisible();
  }

  row(name: string): Locator {
    return this.table.locator(`tbody tr[data-name="${name}"]`);
  }

  /** The "N pods without sidecar" flag of a row (absent when every pod has one). */
  missingSidecar(name: string): Locator {
    return this.row(name).locator("[data-missing-sidecar]");
  }

  /** The neutral note for pods that opted out of injection. */
  outOfMesh(name: string): Locator {
    return this.row(name).locator("[data-out-of-mesh]");
  }

  async openItem(name: string) {
    await this.row(name).getByRole("link", { name, exact: true }).click();
  }
}
