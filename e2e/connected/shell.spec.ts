import { expect, test } from "@playwright/test";
import { ShellPage } from "../pages/shell-page";

test.describe("the console connected to the simulated cluster", () => {
  test("shows the cluster and Prometheus as connected", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open();
    await expect(shell.statusCard("Kubernetes")).toContainText("Connected, Istio installed");
    await expect(shell.statusCard("Kubernetes")).toContainText(/v1\.\d+/);
    await expect(shell.statusCard("Prometheus")).toContainText("Connected");
  });

  test("lists the cluster's namespaces and keeps the selection in the URL", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open();
    await shell.namespaceSelector.click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitemcheckbox", { name: "istio-system" })).toBeVisible();
    await menu.getByRole("menuitemcheckbox", { name: "bookinfo" }).click();
    await expect(page).toHaveURL(/namespaces=bookinfo/);
    await page.keyboard.press("Escape");
    await expect(shell.namespaceSelector).toContainText("bookinfo");

    // A link with the selection reproduces the view.
    await page.goto("/?namespaces=bookinfo,httpbin");
    await expect(shell.namespaceSelector).toContainText("bookinfo, httpbin");
  });
});
