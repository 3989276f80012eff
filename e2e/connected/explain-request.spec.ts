import { expect, test, type Page } from "@playwright/test";
import { ExplainPage } from "../pages/explain-page";
import { deleteVirtualService, jasonMatch, putVirtualService, routeTo } from "../support/virtual-services";

/**
 * Issue 22's acceptance for the request explainer, with the Bookinfo guides' routing: jason's
 * request to reviews names the header rule, v2 at 100 % and the 7 s delay on the next hop to
 * ratings; anyone else's names the catch-all with v1 and v3 at 50 % each. The simulator's
 * DestinationRules (sim/scenarios/default/10-bookinfo.yaml) define the subsets.
 */

/**
 * The console reads config through a watch: an answer asked right after the write may predate
 * it. Checks the page, and on a miss loads it again (the URL holds the question) until it holds.
 */
async function expectAnswer(page: Page, check: () => Promise<void>): Promise<void> {
  let first = true;
  await expect(async () => {
    if (!first) await page.reload();
    first = false;
    await check();
  }).toPass({ timeout: 30_000, intervals: [1_000, 2_000] });
}

test.describe("explain a request", () => {
  test.beforeEach(async () => {
    await putVirtualService("reviews", [
      { match: jasonMatch, route: [routeTo("reviews", "v2")] },
      { route: [routeTo("reviews", "v1", 50), routeTo("reviews", "v3", 50)] },
    ]);
    await putVirtualService("ratings", [
      {
        match: jasonMatch,
        fault: { delay: { fixedDelay: "7s", percentage: { value: 100 } } },
        route: [routeTo("ratings", "v1")],
      },
      { route: [routeTo("ratings", "v1")] },
    ]);
  });

  test.afterEach(async () => {
    await deleteVirtualService("ratings");
    await deleteVirtualService("reviews");
  });

  test("jason's request to reviews takes the header rule to v2, and ratings delays it 7 s; anyone else's is split 50/50", async ({
    page,
  }) => {
    const explain = new ExplainPage(page);
    await explain.open("namespaces=bookinfo");
    await explain.ask({
      source: "productpage-v1",
      host: "reviews",
      port: "9080",
      path: "/reviews/0",
      headers: [["end-user", "jason"]],
    });
    await expect(page).toHaveURL(/header=end-user%3Ajason/);

    const reviews = explain.hop("productpage-v1", "reviews");
    await expectAnswer(page, async () => {
      await expect(explain.rule(reviews, 0)).toHaveAttribute("data-matched", "true", { timeout: 5_000 });
      await expect(explain.rule(reviews, 0)).toContainText("end-user");
      expect(await explain.destinations(reviews)).toEqual([["v2", "100.0%"]]);
    });
    // The next hop: reviews v2 calls ratings, forwarding end-user, and ratings' rule delays it.
    const ratings = explain.hop("reviews-v2", "ratings");
    await expect(ratings).toBeVisible();
    await expect(ratings.getByRole("region", { name: "Fault injection" })).toContainText("Delay of 7.00 s");
    await expect(reviews.getByRole("region", { name: "Fault injection" })).toHaveCount(0);

    // The same request without the header: the jason rule is skipped, the catch-all splits it.
    await explain.ask({ source: "productpage-v1", host: "reviews", port: "9080", path: "/reviews/0" });
    await expect(page).not.toHaveURL(/header=/);
    await expectAnswer(page, async () => {
      await expect(explain.rule(reviews, 0)).toHaveAttribute("data-matched", "false", { timeout: 5_000 });
      await expect(explain.rule(reviews, 0)).toContainText("skipped");
      await expect(explain.rule(reviews, 1)).toHaveAttribute("data-matched", "true");
      expect(await explain.destinations(reviews)).toEqual([
        ["v1", "50.0%"],
        ["v3", "50.0%"],
      ]);
    });
  });
});
