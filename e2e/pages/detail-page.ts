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

  tab(name: "Overview" | "Traffic" | "Inbound metrics" | "Outbound metrics" | "Traces" | "Logs" | "Envoy"): Locator {
    return this.tabs.getByRole("tab", { name });
  }

  /** The Traces tab's scatter; `data-trace-count` and `data-error-count` say what it draws. */
  get traceScatter(): Locator {
    return this.page.getByTestId("trace-scatter");
  }

  /** Rows of the Traces tab's list (`data-trace-id`, `data-error`). */
  get traceRows(): Locator {
    return this.page.getByTestId("trace-list").locator("tbody tr");
  }

  get tracingOff(): Locator {
    return this.page.getByTestId("tracing-off");
  }

  /** Sets the Traces tab's filters and searches. */
  async filterTraces(filters: { minDurationMs?: number; errorsOnly?: boolean; tags?: string }) {
    const form = this.page.getByRole("form", { name: "Trace filters" });
    if (filters.minDurationMs !== undefined)
      await form.getByLabel("Min duration (ms)").fill(String(filters.minDurationMs));
    if (filters.tags !== undefined) await form.getByLabel("Tags").fill(filters.tags);
    if (filters.errorsOnly !== undefined) await form.getByLabel("Errors only").setChecked(filters.errorsOnly);
    await form.getByRole("button", { name: "Search" }).click();
  }

  /** Opens the trace of a list row (the first failed one with `{ failed: true }`). */
  async openTrace(options: { failed?: boolean } = {}) {
    const rows = options.failed ? this.traceRows.and(this.page.locator('[data-error="true"]')) : this.traceRows;
    await rows.first().getByRole("link").click();
    await expect(this.page.getByTestId("trace-detail")).toBeVisible();
  }

  /** The change markers drawn on one chart, each a button named "Change: <who did what>" (newest first). */
  changeMarkers(chart: "requestRate" | "errorRate" | "duration" | "requestSize" | "responseSize"): Locator {
    return this.page.locator(`figure[data-chart="${chart}"] [data-change-marker]`);
  }

  /** The popover a clicked marker opens: the change's diff and its undo. */
  changePopover(kind: string, namespace: string, name: string): Locator {
    return this.page.getByRole("article", { name: `Change to ${kind} ${namespace}/${name}` });
  }

  /** Undo from the open popover: the preview first, then the confirmation. */
  async undoChange(popover: Locator) {
    await popover.getByRole("button", { name: /^Undo this change/ }).click();
    await expect(popover.getByRole("region", { name: "Undo preview" })).toBeVisible();
    await popover.getByRole("button", { name: "Confirm undo" }).click();
    await expect(popover.getByRole("status")).toContainText("Undone");
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

  // ---- the Envoy tab (workloads) ----

  /** The pod whose proxy the Envoy tab reads. */
  get envoyPod(): Locator {
    return this.page.getByLabel("Pod", { exact: true });
  }

  /** Clusters, Listeners, Routes or Endpoints (the tab's own tab list, its count beside each name). */
  async showEnvoyView(view: "Clusters" | "Listeners" | "Routes" | "Endpoints") {
    await this.page
      .getByRole("tablist", { name: "Envoy configuration" })
      .getByRole("tab", { name: new RegExp(`^${view}`) })
      .click();
  }

  async filterEnvoy(text: string) {
    await this.page.getByRole("searchbox", { name: "Filter" }).fill(text);
  }

  /** One virtual host of the Routes view, e.g. `reviews.bookinfo.svc.cluster.local:9080`. */
  virtualHost(name: string): Locator {
    return this.page.getByRole("article", { name: `Virtual host ${name}` });
  }

  /** The routes of a virtual host in the order Envoy tries them, each as its text. */
  async routeTexts(virtualHost: string): Promise<string[]> {
    return this.virtualHost(virtualHost)
      .getByRole("list", { name: `Routes of ${virtualHost}` })
      .locator("> li")
      .allInnerTexts();
  }

  /** Asks "why is this request going there?" and waits for the answer's summary. */
  async explainRoute(request: { host: string; path?: string; headers?: string[] }) {
    const form = this.page.getByRole("form", { name: "Why is this request going there?" });
    await form.getByLabel("Host (with the port)").fill(request.host);
    await form.getByLabel("Path").fill(request.path ?? "/");
    await form.getByLabel(/^Headers/).fill((request.headers ?? []).join("\n"));
    await form.getByRole("button", { name: "Explain" }).click();
    await expect(this.routeDecision.getByRole("status")).toBeVisible();
  }

  /** The answer: its summary (role status), the steps (`data-step` matched/skipped) and the destinations. */
  get routeDecision(): Locator {
    return this.page.getByRole("region", { name: "Route decision" });
  }

  async routeSteps(): Promise<string[]> {
    return this.routeDecision
      .locator("[data-step]")
      .evaluateAll((items) => items.map((i) => i.getAttribute("data-step") ?? ""));
  }
}
