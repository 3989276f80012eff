import { expect, type Locator, type Page } from "@playwright/test";

/** /mesh: istiod, the gateways and the proxy sync table. */
export class MeshPage {
  readonly istiod: Locator;
  readonly gateways: Locator;
  readonly proxies: Locator;

  constructor(readonly page: Page) {
    this.istiod = page.getByTestId("istiod-pods");
    this.gateways = page.getByTestId("mesh-gateways");
    this.proxies = page.getByTestId("proxy-sync-table");
  }

  async open() {
    await this.page.goto("/mesh");
    await expect(this.page.getByRole("heading", { level: 1, name: "Mesh" })).toBeVisible();
  }

  gateway(name: string): Locator {
    return this.gateways.locator(`[data-gateway="${name}"]`);
  }

  /** The row of one proxy, by `namespace/pod`. */
  proxy(namespace: string, pod: string): Locator {
    return this.proxies.locator(`tr[data-proxy="${namespace}/${pod}"]`);
  }

  /** The proxy's overall status cell, or one xDS type's. */
  status(namespace: string, pod: string, column: "status" | "CDS" | "LDS" | "EDS" | "RDS" | "ECDS" = "status") {
    return this.proxy(namespace, pod).locator(`td[data-column="${column}"]`);
  }
}
