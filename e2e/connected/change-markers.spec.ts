import { expect, test } from "@playwright/test";
import { DetailPage } from "../pages/detail-page";
import { patchReviewsTo, reviewsSplit, routeAllReviewsToV1 } from "../support/reviews-routes";

// Issue 22's acceptance: a `kubectl patch` of reviews appears as a marker on reviews' charts
// within one refresh; undo from the marker restores the previous spec (conflict-checked, audited).

// The charts refresh every 30 s (lib/queries/metrics.ts), the changes every 10 s
// (lib/queries/changes.ts); the watcher records a kubectl change within a second.
const oneRefresh = 35_000;

/**
 * Patches reviews with kubectl's merge patch once the page shows the changes before it (the
 * reset's create), and waits for the patch's own marker: the newest of the "changed" ones,
 * one more than before — earlier tests leave theirs in the charts' window.
 */
async function patchAndFindMarker(detail: DetailPage, subset: string) {
  const markers = detail.changeMarkers("requestRate");
  const titled = (text: RegExp) => markers.filter({ has: detail.page.locator("title", { hasText: text }) });
  await expect(titled(/^VirtualService reviews created outside Topsail at /).first()).toBeVisible({
    timeout: oneRefresh,
  });
  const changed = titled(/^VirtualService reviews changed outside Topsail at /);
  const before = await changed.count();
  await patchReviewsTo(subset);
  await expect(changed).toHaveCount(before + 1, { timeout: oneRefresh });
  return changed.first();
}

test("a kubectl patch of reviews shows as a marker on reviews' charts, and undo from it restores the spec", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await routeAllReviewsToV1();
  const detail = new DetailPage(page);
  await detail.open("services", "bookinfo", "reviews", "tab=inbound");
  await expect(page.locator('figure[data-chart="requestRate"]')).toBeVisible();

  const patchMarker = await patchAndFindMarker(detail, "v2");
  await expect(patchMarker).toHaveAccessibleName(/^Change: VirtualService reviews changed outside Topsail at /);

  await patchMarker.click();
  const popover = detail.changePopover("VirtualService", "bookinfo", "reviews");
  await expect(popover.getByTestId("yaml-diff")).toContainText("subset: v2");
  await detail.undoChange(popover);

  expect(await reviewsSplit()).toEqual([["v1", undefined]]);
  // The undo is audited as a rollback, and is a change of reviews with a marker of its own.
  const audit = await page.request.get(
    "/api/audit?kind=VirtualService&namespace=bookinfo&name=reviews&source=rollback",
  );
  expect(((await audit.json()) as { entries: { status: string }[] }).entries[0]?.status).toBe("applied");
  await expect(
    detail
      .changeMarkers("requestRate")
      .filter({ has: page.locator("title", { hasText: /^VirtualService reviews rolled back by / }) }),
  ).not.toHaveCount(0, { timeout: oneRefresh });
});

test("undo from a marker is refused when reviews changed after the popover was opened, and nothing is written", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await routeAllReviewsToV1();
  const detail = new DetailPage(page);
  await detail.open("services", "bookinfo", "reviews", "tab=inbound");
  const marker = await patchAndFindMarker(detail, "v2");
  await marker.click();
  const popover = detail.changePopover("VirtualService", "bookinfo", "reviews");
  await popover.getByRole("button", { name: /^Undo this change/ }).click();
  // Someone else patches between the preview and the confirmation.
  await patchReviewsTo("v3");
  await popover.getByRole("button", { name: "Confirm undo" }).click();
  await expect(popover.getByRole("alert")).toContainText("Nothing was changed");
  expect(await reviewsSplit()).toEqual([["v3", undefined]]);
});
