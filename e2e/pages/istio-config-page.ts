import { expect, type Locator, type Page } from "@playwright/test";

/** The Istio config pages: the list, one object's YAML editor, the create page, and their dialogs. */
export class IstioConfigPage {
  constructor(readonly page: Page) {}

  async openList(query = "") {
    await this.page.goto(`/istio${query ? `?${query}` : ""}`);
    await expect(this.page.getByRole("heading", { name: "Istio config", level: 1 })).toBeVisible();
  }

  async openNew(namespace: string, kind: string) {
    await this.page.goto(`/istio/new?namespace=${namespace}&kind=${kind}&namespaces=${namespace}`);
    await expect(this.page.getByRole("heading", { name: "New Istio object" })).toBeVisible();
  }

  async openObject(namespace: string, plural: string, name: string) {
    await this.page.goto(`/istio/${namespace}/${plural}/${name}?namespaces=${namespace}`);
    await expect(this.page.getByTestId("object-editor")).toBeVisible();
  }

  /** The main editor (CodeMirror's content element is a labelled textbox). */
  editor(label: string | RegExp = /^YAML of /): Locator {
    return this.page.getByRole("textbox", { name: label }).first();
  }

  /** Replaces the whole text, as a user selecting all and pasting. */
  async setYaml(text: string, label?: string | RegExp) {
    const editor = this.editor(label);
    await editor.click();
    await this.page.keyboard.press("ControlOrMeta+a");
    await this.page.keyboard.press("Delete");
    await this.page.keyboard.insertText(text);
  }

  get findings(): Locator {
    return this.page.getByRole("list", { name: "Validation findings" });
  }

  get validationHeading(): Locator {
    return this.page.getByRole("heading", { name: /^Validation/ });
  }

  /** Waits until the server has checked the text as it is now. */
  async waitForChecked() {
    await expect(this.validationHeading).not.toContainText("checking…");
  }

  lintMarkers(severity: "error" | "warning"): Locator {
    return this.page.locator(`.cm-lint-marker-${severity}`);
  }

  /** The underlined text of each finding in the editor (CodeMirror's lint ranges). */
  lintRanges(severity: "error" | "warning"): Locator {
    return this.page.locator(`.cm-lintRange-${severity}`);
  }

  get dialog(): Locator {
    return this.page.getByRole("dialog");
  }

  get conflictScreen(): Locator {
    return this.page.getByTestId("conflict-screen");
  }

  get savedStatus(): Locator {
    return this.page.getByRole("status").filter({ hasText: /^Saved / });
  }

  /** Review (validation + dry-run + diff) and apply; waits for the dry-run verdict first. */
  async reviewAndApply(button: "Review and save…" | "Review and create…" = "Review and save…") {
    await this.page.getByRole("button", { name: button }).click();
    await this.applyReviewed(button === "Review and create…" ? "Create" : "Apply");
  }

  async applyReviewed(action: "Apply" | "Create" = "Apply") {
    await expect(this.dialog.getByRole("status").filter({ hasText: "accepted the dry run" })).toBeVisible();
    await this.dialog.getByRole("button", { name: action, exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }
}
