import { expect, type Locator, type Page } from "@playwright/test";

/** The /audit page: the entry table, one entry's diff and its rollback buttons. */
export class AuditPage {
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId("audit-table");
  }

  async open(filters: Record<string, string>) {
    await this.page.goto(`/audit?${new URLSearchParams(filters)}`);
    await expect(this.page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  }

  /** Table rows, newest first. */
  rows(): Locator {
    return this.table.locator("tbody tr[data-entry-id]");
  }

  row(source: string): Locator {
    return this.rows().filter({ hasText: source });
  }

  async select(row: Locator) {
    await row.getByRole("button").click();
    await expect(this.page.getByRole("article")).toBeVisible();
  }

  async rollBack(button: "Roll back to this version" | "Undo this change") {
    await this.page
      .getByRole("article")
      .getByRole("button", { name: new RegExp(`^${button}`) })
      .click();
    await expect(this.page.getByRole("article").getByRole("status")).toContainText("Rolled back");
  }
}
