import { expect, type Locator, type Page } from "@playwright/test";

/** A trace page (by id, or by an access-log line's x-request-id): its facts, waterfall and links. */
export class TracePage {
  readonly detail: Locator;
  readonly waterfall: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId("trace-detail");
    this.waterfall = page.getByTestId("trace-waterfall");
  }

  async open(traceId: string) {
    await this.page.goto(`/traces/${traceId}`);
    await expect(this.detail).toBeVisible();
  }

  async openRequest(requestId: string, namespace: string, workload: string) {
    const query = new URLSearchParams({ namespace, workload });
    await this.page.goto(`/traces/request/${encodeURIComponent(requestId)}?${query.toString()}`);
    await expect(this.detail).toBeVisible();
  }

  /** Waterfall rows (`data-workload`, `data-error`, `data-response-flags`), in drawing order. */
  get spans(): Locator {
    return this.waterfall.locator("li[data-span-id]");
  }

  /** Rows of one workload's proxy, optionally with given response flags (`FI`, `DC`). */
  spansOf(workload: string, flags?: string): Locator {
    const selector = `li[data-workload="${workload}"]${flags ? `[data-response-flags="${flags}"]` : ""}`;
    return this.waterfall.locator(selector);
  }

  /** `workload flags` of the failed spans, in drawing order. */
  async failedSpans(): Promise<string[]> {
    return this.waterfall
      .locator('li[data-error="true"]')
      .evaluateAll((items) =>
        items.map((li) => `${li.getAttribute("data-workload")} ${li.getAttribute("data-response-flags")}`.trim()),
      );
  }

  /** Opens a span's row to show its code, flags, tags and Envoy link. */
  async expand(span: Locator): Promise<Locator> {
    await span.locator("summary").first().click();
    return span;
  }

  envoyLink(span: Locator): Locator {
    return span.getByRole("link", { name: /^Envoy route in / });
  }

  async showOnGraph() {
    await this.detail.getByRole("link", { name: "Show on graph" }).click();
    await expect(this.page.getByTestId("trace-path-notice")).toBeVisible();
  }
}
