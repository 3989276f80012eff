import { expect, type Locator, type Page } from "@playwright/test";

/** The creation form at /experiments/new, prefilled from its query string. */
export class NewExperimentPage {
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole("form", { name: "New experiment" });
  }

  async open(kind: "canary" | "fault", namespace: string, service: string) {
    await this.page.goto(`/experiments/new?${new URLSearchParams({ kind, namespace, service })}`);
    await expect(this.form).toBeVisible();
  }

  /** The form with nothing prefilled: what the "New experiment" button opens. */
  async openBlank() {
    await this.page.goto("/experiments/new");
    await expect(this.form).toBeVisible();
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  async fill(values: Record<string, string>) {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }

  /**
   * Picks from the selects, in order (a pick can load the next select's choices): no typing.
   * selectOption waits for the select to be enabled and for the choice to be there.
   */
  async pick(values: Record<string, string>) {
    for (const [label, value] of Object.entries(values)) await this.field(label).selectOption(value);
  }

  async submit() {
    await this.form.getByRole("button", { name: "Start experiment" }).click();
  }
}

/** The live run page at /experiments/:id. */
export class ExperimentRunPage {
  readonly view: Locator;
  readonly weights: Locator;
  readonly summary: Locator;
  readonly stepTable: Locator;
  /** "Next: Step 2: 50% to v3, if step 1 passes in 45 s (about 14:03:07 CET)". */
  readonly nextStep: Locator;
  readonly eta: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId("experiment-run");
    this.nextStep = page.getByTestId("experiment-next-step");
    this.eta = page.getByTestId("experiment-eta");
    this.weights = page.getByTestId("current-weights");
    this.summary = page.getByTestId("experiment-summary");
    this.stepTable = page.getByRole("table", { name: "Gate results per step" });
  }

  async waitForVerdict(verdict: string, timeout: number) {
    await expect(this.view).toHaveAttribute("data-verdict", verdict, { timeout });
  }

  gateChart(label: RegExp | string): Locator {
    return this.page.getByRole("figure", { name: label });
  }

  control(name: string): Locator {
    return this.page.getByRole("group", { name: "Experiment controls" }).getByRole("button", { name });
  }
}

/** The shareable report at /experiments/:id/report. */
export class ExperimentReportPage {
  readonly report: Locator;
  readonly changes: Locator;
  readonly configChanges: Locator;

  constructor(readonly page: Page) {
    this.report = page.getByTestId("experiment-report");
    this.changes = page.getByRole("region", { name: "Config changes made and reverted" });
    this.configChanges = this.changes.locator('li[data-event-type="config"]');
  }

  async open(id: string) {
    await this.page.goto(`/experiments/${id}/report`);
    await expect(this.report).toBeVisible();
  }

  /** Clicks a download button ("Download Markdown", "Download JSON") and returns the file's name and text. */
  async download(name: string): Promise<{ fileName: string; text: string }> {
    const [file] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("group", { name: "Export the report" }).getByRole("button", { name }).click(),
    ]);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return { fileName: file.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }
}
