import { expect, type Locator, type Page } from "@playwright/test";

/** A traffic wizard dialog, opened from the graph's node menu. */
export class TrafficWizardPage {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog");
  }

  /** Opens `wizard` ("Traffic shifting") from the node list's menu of `node` ("reviews v1"). */
  async openFromGraph(node: string, wizard: string) {
    await this.page.getByRole("button", { name: `Actions for ${node}` }).click();
    await this.page.getByRole("menuitem", { name: `${wizard}…`, exact: true }).click();
    await expect(this.dialog).toBeVisible();
    await expect(this.dialog.getByRole("button", { name: "Preview changes" })).toBeVisible();
  }

  slider(service: string, subset: string): Locator {
    return this.dialog.getByRole("slider", { name: `${service} ${subset} weight` });
  }

  async sliderValue(service: string, subset: string): Promise<number> {
    return Number(await this.slider(service, subset).getAttribute("aria-valuenow"));
  }

  /** Moves a slider with the keyboard only (arrow keys move it by 1). */
  async setSlider(service: string, subset: string, target: number) {
    const thumb = this.slider(service, subset);
    await thumb.focus();
    for (let i = 0; i < 120; i++) {
      const now = await this.sliderValue(service, subset);
      if (now === target) return;
      await thumb.press(now < target ? "ArrowRight" : "ArrowLeft");
    }
    expect(await this.sliderValue(service, subset)).toBe(target);
  }

  async preview() {
    await this.dialog.getByRole("button", { name: "Preview changes" }).click();
    await expect(this.dialog.getByTestId("wizard-preview")).toBeVisible();
  }

  diff(title: RegExp): Locator {
    return this.dialog.getByRole("figure").filter({ hasText: title }).getByTestId("yaml-diff");
  }

  async apply() {
    await this.dialog.getByRole("button", { name: "Apply", exact: true }).click();
    await expect(this.dialog.getByRole("status")).toContainText("Applied");
  }

  async close() {
    await this.dialog.getByRole("button", { name: "Close" }).click();
    await expect(this.dialog).toBeHidden();
  }
}
