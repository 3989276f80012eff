import { expect, type Page } from "@playwright/test";
import { AuditPage } from "../pages/audit-page";
import { GraphPage } from "../pages/graph-page";
import { IstioConfigPage } from "../pages/istio-config-page";
import { TrafficWizardPage } from "../pages/traffic-wizard-page";
import { reviewsSplit } from "./reviews-routes";

/**
 * What issue 16's acceptance asks of every sign-in strategy, as steps both the token and the
 * OpenID specs take: an editor's wizard change lands and is attributed to them, and a viewer
 * sees the same graph and VirtualService without a button that would change them.
 */
export const graphOfBookinfo = "/graph?namespaces=bookinfo&duration=60";
const wizardApply = /\/api\/traffic\/bookinfo\/reviews\/traffic-shifting$/;

/**
 * On the drawn graph (reviews routed all to v1): reviews v1 80 / v2 20 with the traffic
 * shifting wizard. Returns the body the browser posted, for replaying it as someone else.
 */
export async function shiftReviews80To20(page: Page): Promise<unknown> {
  const wizard = new TrafficWizardPage(page);
  await wizard.openFromGraph("reviews v1", "Traffic shifting");
  expect(await wizard.sliderValue("reviews", "v1")).toBe(100);
  await wizard.setSlider("reviews", "v2", 20);
  expect(await wizard.sliderValue("reviews", "v1")).toBe(80);
  await wizard.preview();
  const posted = page.waitForRequest((r) => r.method() === "POST" && wizardApply.test(r.url()));
  await wizard.apply();
  const body: unknown = (await posted).postDataJSON();
  expect(await reviewsSplit()).toEqual([
    ["v1", 80],
    ["v2", 20],
  ]);
  return body;
}

/** The audit log's newest wizard entry for reviews names `user` as its actor. */
export async function expectWizardEntryBy(page: Page, user: string) {
  const audit = new AuditPage(page);
  await audit.open({ namespaces: "bookinfo", kind: "VirtualService", name: "reviews" });
  const entry = audit.row("wizard").first();
  await expect(entry).toContainText("applied");
  await expect(entry.getByRole("cell", { name: user, exact: true })).toBeVisible();
}

/** Opens the reviews VirtualService once the viewer's permissions for bookinfo have been answered. */
export async function openReviewsRoutes(page: Page) {
  const permissions = page.waitForResponse((r) => r.url().includes("/api/auth/permissions?namespace=bookinfo"));
  await new IstioConfigPage(page).openObject("bookinfo", "virtualservices", "reviews");
  await permissions;
  await expect(page.getByRole("textbox", { name: /^YAML of / }).first()).toContainText("weight: 80");
}

/** The save and delete buttons of the VirtualService editor (hidden from viewers). */
export const editorWrites = (page: Page) => page.getByRole("button", { name: /^(Review and save…|Delete…)$/ });

/**
 * The viewer sees bookinfo's graph, and the reviews node's menu offers looking only: no
 * wizard, no experiment. Then the VirtualService itself, without save or delete.
 */
export async function expectViewOnlyGraphAndRoutes(page: Page) {
  const graph = new GraphPage(page);
  const permissions = page.waitForResponse((r) => r.url().includes("/api/auth/permissions?namespace=bookinfo"));
  await graph.open(graphOfBookinfo.slice("/graph?".length));
  await graph.waitForDrawn(120_000);
  await page.getByRole("button", { name: "Actions for reviews v1" }).click();
  await permissions;
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Show details" })).toBeVisible();
  await expect(menu.getByRole("menuitem")).toHaveText(["Show details", "Focus on this node"]);
  await page.keyboard.press("Escape");

  await openReviewsRoutes(page);
  await expect(page.getByRole("button", { name: "Revert" })).toBeVisible();
  await expect(editorWrites(page)).toHaveCount(0);
}
