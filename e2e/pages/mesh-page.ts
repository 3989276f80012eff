import { expect, type Locator, type Page } from "@playwright/test";

/** /mesh: istiod, the gateways, the sidecar injector and the proxy sync table. */
export class MeshPage {
  readonly istiod: Locator;
  readonly gateways: Locator;
  readonly proxies: Locator;
  readonly injector: Locator;

  constructor(readonly page: Page) {
    this.istiod = page.getByTestId("istiod-pods");
    this.gateways = page.getByTestId("mesh-gateways");
    this.proxies = page.getByTestId("proxy-sync-table");
    this.injector = page.getByTestId("sidecar-injector");
  }

  async open() {
    await this.page.goto("/mesh");
    await expect(this.page.getByRole("heading", { level: 1, name: "Mesh" })).toBeVisible();
  }

  gateway(name: string): Locator {
    return this.gateways.locator(`[data-gateway="${name}"]`);
  }

  /** One webhook of the sidecar injector, by its name (`namespace.sidecar-injector.istio.io`). */
  webhook(name: string): Locator {
    return this.injector.locator(`[data-webhook="${name}"]`);
  }

  /** A namespace labelled for injection, in the injector's panel. */
  injectedNamespace(namespace: string): Locator {
    return this.injector.locator(`[data-testid="injected-namespaces"] [data-namespace="${namespace}"]`);
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
