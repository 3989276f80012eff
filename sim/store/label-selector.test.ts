import { describe, expect, it } from "vitest";
import { labelSelectorObjectToPredicate, parseLabelSelector } from "./label-selector";

const reviewsV1 = { app: "reviews", version: "v1" };
const ratings = { app: "ratings" };

describe("label selectors", () => {
  it.each([
    ["app=reviews", true, false],
    ["app==reviews", true, false],
    ["app!=reviews", false, true],
    ["app in (reviews,details)", true, false],
    ["app notin (reviews)", false, true],
    ["version", true, false],
    ["!version", false, true],
    ["app=reviews,version in (v1, v2)", true, false],
    ["", true, true],
  ])("%s matches reviews-v1 %s and ratings %s", (selector, matchesReviews, matchesRatings) => {
    const predicate = parseLabelSelector(selector);
    expect(predicate(reviewsV1)).toBe(matchesReviews);
    expect(predicate(ratings)).toBe(matchesRatings);
  });

  it("refuses a selector it cannot parse with a 400", () => {
    expect(() => parseLabelSelector("app in reviews")).toThrow(/unable to parse requirement/);
  });

  it("turns a Deployment's matchLabels/matchExpressions into a predicate", () => {
    const predicate = labelSelectorObjectToPredicate({
      matchLabels: { app: "reviews" },
      matchExpressions: [{ key: "version", operator: "In", values: ["v1"] }],
    });
    expect(predicate(reviewsV1)).toBe(true);
    expect(predicate({ app: "reviews", version: "v2" })).toBe(false);
  });
});
