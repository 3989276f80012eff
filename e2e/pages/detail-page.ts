import { expect, type Locator, type Page } from "@playwright/test";

/** A detail page (application, workload or service): tabs, charts with their series legends, the injection control. */
export class DetailPage {
  readonly tabs: Locator;
  readonly injection: Locator;

  constructor(readonly page: Page) {
    this.tabs = page.getByRole("tablist");
    this.injection = page.getByRole("form", { name: /^Sidecar injection of workload/ });
  }

  async open(kind: "applications" | "workloads" | "services", namespace: string, name: string, query = "") {
    await this.page.goto(`/namespaces/${namespace}/${kind}/${name}${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { level: 1, name: new RegExp(`${name}$`) })).toBeVisible();
  }

  tab(name: "Overview" | "Traffic" | "Inbound metrics" | "Outbound metrics" | "Logs"): Locator {
    return this.tabs.getByRole("tab", { name });
  }

  /** The legend of one chart, listing its series by name. */
  seriesOf(chart: "requestRate" | "errorRate" | "duration" | "requestSize" | "responseSize"): Locator {
    return this.page.locator(`figure[data-chart="${chart}"] [data-series]`);
  }

  async seriesNames(
    chart: "requestRate" | "errorRate" | "duration" | "requestSize" | "responseSize",
  ): Promise<string[]> {
    return this.seriesOf(chart).evaluateAll((items) => items.map((i) => i.getAttribute("data-series") ?? ""));
  }

  /**
   * The Logs tab's access lines (the rows of parsed istio-proxy lines), opened with a filter in the URL as a link
   * would, e.g. `{ container: "istio-proxy", code: "503", flag: "FI" }`.
   */
  async openLogs(namespace: string, workload: string, filter: Record<string, string> = {}): Promise<Locator> {
    await this.open("workloads", namespace, workload, new URLSearchParams({ tab: "logs", ...filter }).toString());
    await expect(this.tab("Logs")).toHaveAttribute("data-state", "active");
    return this.page.getByTestId("access-line");
  }

  /** Picks an injection setting and confirms the restart. */
  async setInjection(option: RegExp) {
    // The control shows once the workload has loaded.
    await expect(this.injection.getByLabel("Sidecar injection")).toBeVisible();
    await this.injection.getByLabel("Sidecar injection").selectOption({ label: await this.optionLabel(option) });
    await this.injection.getByRole("button", { name: "Apply…" }).click();
    await expect(this.page.getByRole("alertdialog", { name: "Confirm the injection change" })).toContainText("roll");
    await this.injection.getByRole("button", { name: "Apply and restart pods" }).click();
    await expect(this.injection.getByRole("status")).toContainText("Saved");
  }

  private async optionLabel(option: RegExp): Promise<string> {
    const labels = await this.injection.locator("option").allTextContents();
    const found = labels.find((l) => option.test(l));
    if (!found) throw new Error(`No injection option matches ${option}: ${labels.join(", ")}`);
    return found;
  }
}
