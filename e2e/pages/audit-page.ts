import { expect, type Locator, type Page } from "@playwright/test";

type Rollback = "Roll back to this version" | "Undo this change";
const applyButton: Record<Rollback, string> = {
  "Roll back to this version": "Apply the rollback",
  "Undo this change": "Apply the undo",
};

/**
 * The /audit page: the entry table a page at a time, one entry's diff and whole objects, and its rollbacks, each
 * previewed (its review shows the diff) before it is applied.
 */
export class AuditPage {
  readonly table: Locator;
  readonly entry: Locator;
  readonly review: Locator;
  readonly position: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId("audit-table");
    this.entry = page.getByRole("article");
    this.review = page.getByTestId("rollback-review");
    this.position = page.getByTestId("audit-page-position");
  }

  /** Opens the page with these URL parameters (`namespaces` is the top bar's selection). */
  async open(params: Record<string, string>) {
    await this.page.goto(`/audit?${new URLSearchParams(params)}`);
    await expect(this.page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  }

  /** Table rows, newest first. */
  rows(): Locator {
    return this.table.locator("tbody tr[data-entry-id]");
  }

  row(text: string): Locator {
    return this.rows().filter({ hasText: text });
  }

  /** The namespace of every row on the page. */
  async namespacesShown(): Promise<string[]> {
    return this.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute("data-namespace") ?? ""));
  }

  async older() {
    const before = await this.position.textContent();
    await this.page
      .getByRole("navigation", { name: "Pages of the audit log" })
      .getByRole("button", { name: "Older" })
      .click();
    await expect(this.position).not.toHaveText(before ?? "");
  }

  async select(row: Locator) {
    await row.getByRole("button").click();
    await expect(this.entry).toBeVisible();
  }

  /** Asks for a rollback: its review (the diff it would write) opens and nothing is written yet. */
  async previewRollback(button: Rollback) {
    await this.entry.getByRole("button", { name: new RegExp(`^${button}`) }).click();
    await expect(this.review.getByTestId("yaml-diff").first()).toBeVisible();
  }

  async applyRollback(button: Rollback) {
    await this.review.getByRole("button", { name: applyButton[button] }).click();
    await expect(this.entry.getByRole("status")).toContainText("Rolled back");
  }

  async rollBack(button: Rollback) {
    await this.previewRollback(button);
    await this.applyRollback(button);
  }
}
