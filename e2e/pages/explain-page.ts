import { expect, type Locator, type Page } from "@playwright/test";

/** /explain: the request form, and the answer's hops (cards by their `source → host:port` heading). */
export class ExplainPage {
  readonly form: Locator;
  readonly view: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole("form", { name: "The request to explain" });
    this.view = page.getByTestId("explain-view");
  }

  async open(query = "") {
    await this.page.goto(`/explain${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Explain a request" })).toBeVisible();
  }

  /** Fills the form (header rows replace any there) and asks. */
  async ask(request: { source: string; host: string; port?: string; path?: string; headers?: [string, string][] }) {
    const source = this.form.getByLabel("Source workload");
    await expect(source.locator("option", { hasText: request.source })).toHaveCount(1);
    await source.selectOption(request.source);
    await this.form.getByLabel("Host").fill(request.host);
    await this.form.getByLabel("Port").fill(request.port ?? "");
    await this.form.getByLabel("Path").fill(request.path ?? "/");
    const remove = this.form.getByRole("button", { name: /^Remove header/ });
    while ((await remove.count()) > 0) await remove.first().click();
    for (const [i, [name, value]] of (request.headers ?? []).entries()) {
      await this.form.getByRole("button", { name: "Add a header" }).click();
      await this.form.getByLabel(`Header ${i + 1} name`).fill(name);
      await this.form.getByLabel(`Header ${i + 1} value`).fill(value);
    }
    await this.form.getByRole("button", { name: "Explain" }).click();
  }

  /** A hop's own card, by the start of its heading (`productpage-v1 → reviews`). */
  hop(from: string, toService: string): Locator {
    return this.page
      .locator("section")
      .filter({ has: this.page.getByRole("heading", { name: new RegExp(`^${from} → ${toService}[.:]`) }) })
      .last();
  }

  rule(hop: Locator, index: number): Locator {
    return hop.locator(`[data-testid="rule"][data-rule="${index}"]`);
  }

  /** `[subset, share]` of each destination row of a hop, e.g. [["v1", "50.0%"], ["v3", "50.0%"]]. */
  async destinations(hop: Locator): Promise<[string, string][]> {
    const rows = hop.getByTestId("destination");
    const out: [string, string][] = [];
    for (const row of await rows.all())
      out.push([
        (await row.getAttribute("data-subset")) ?? "",
        (await row.getByTestId("destination-share").innerText()).trim(),
      ]);
    return out;
  }
}
