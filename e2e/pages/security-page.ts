import { expect, type Locator, type Page } from "@playwright/test";

/** /security: mTLS state and AuthorizationPolicies per namespace, then the policy form with its replay. */
export class SecurityPage {
  readonly workbench: Locator;
  readonly replay: Locator;

  constructor(readonly page: Page) {
    this.workbench = page.getByTestId("policy-workbench");
    this.replay = page.getByTestId("replay");
  }

  async open(namespace: string) {
    await this.page.goto(`/security?namespaces=${namespace}`);
    await expect(this.namespace(namespace)).toHaveAttribute("data-state", "loaded");
  }

  namespace(name: string): Locator {
    return this.page.getByRole("region", { name: `Security of ${name}` });
  }

  field(label: string): Locator {
    return this.workbench.getByLabel(label, { exact: true });
  }

  button(name: string): Locator {
    return this.workbench.getByRole("button", { name, exact: true });
  }

  /** The replay's row for one caller, by `namespace/workload`. */
  caller(source: string): Locator {
    return this.replay.locator("tbody tr").filter({ has: this.page.getByRole("cell", { name: source, exact: true }) });
  }
}
