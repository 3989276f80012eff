import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkSubsetsHaveLabels } from "./subset-without-labels";

const context = contextFrom(BOOKINFO);

describe("KIA0209 subset without labels", () => {
  it("accepts subsets that all carry labels", () => {
    expect(checkSubsetsHaveLabels(objectOf("DestinationRule", BOOKINFO), context)).toEqual([]);
  });

  it("warns on a lone unlabelled subset, and only informs when others are labelled", () => {
    const lone = objectOf(
      "DestinationRule",
      `
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec: { host: reviews, subsets: [{ name: all }] }
`,
    );
    expect(checkSubsetsHaveLabels(lone, context)).toEqual([
      { code: "KIA0209", severity: "warning", message: "This subset has not labels: all", path: "spec/subsets[0]" },
    ]);
    const mixed = objectOf(
      "DestinationRule",
      `
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec: { host: reviews, subsets: [{ name: v1, labels: { version: v1 } }, { name: all, labels: {} }] }
`,
    );
    expect(checkSubsetsHaveLabels(mixed, context)).toEqual([
      expect.objectContaining({ code: "KIA0209", severity: "info", path: "spec/subsets[1]" }),
    ]);
  });
});
