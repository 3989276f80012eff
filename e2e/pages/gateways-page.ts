import { expect, type Locator, type Page } from "@playwright/test";

/** /gateways and /gateways/<ns>/<name>: the Gateway list and one Gateway's findings and servers. */
export class GatewaysPage {
  readonly list: Locator;
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId("gateway-list");
    this.detail = page.getByTestId("gateway-detail");
  }

  async open(namespace: string) {
    await this.page.goto(`/gateways?namespaces=${namespace}`);
    await expect(this.list).toHaveAttribute("data-state", "loaded");
  }

  row(name: string): Locator {
    return this.list.locator("tbody tr").filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  /** Follows the Gateway's link from the list to its detail page. */
  async openDetail(name: string) {
    await this.row(name).getByRole("link", { name, exact: true }).click();
    await expect(this.detail.getByRole("heading", { level: 1 })).toContainText(name);
  }

  findings(): Locator {
    return this.detail.getByRole("list", { name: "Gateway findings" });
  }

  server(index: number): Locator {
    return this.detail.getByRole("region", { name: `Server ${index}` });
  }
}
