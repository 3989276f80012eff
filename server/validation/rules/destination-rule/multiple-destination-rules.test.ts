import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkSingleDestinationRulePerSubset } from "./multiple-destination-rules";

const drYaml = (name: string, host: string, subsets: string) => `
kind: DestinationRule
metadata: { name: ${name}, namespace: bookinfo }
spec: { host: "${host}", subsets: ${subsets} }
`;

describe("KIA0201 more than one DestinationRule for the same host/subset", () => {
  it("accepts rules for the same host with distinct subsets (istiod merges them), and wildcard policies", () => {
    const canary = drYaml(
      "reviews-canary",
      "reviews.bookinfo.svc.cluster.local",
      "[{ name: v3, labels: { version: v3 } }]",
    );
    const context = contextFrom(
      `${BOOKINFO}\n---\n${canary}\n---\n${drYaml("all", "*.bookinfo.svc.cluster.local", "[]")}`,
    );
    expect(checkSingleDestinationRulePerSubset(objectOf("DestinationRule", canary), context)).toEqual([]);
    expect(checkSingleDestinationRulePerSubset(objectOf("DestinationRule", BOOKINFO), context)).toEqual([]);
  });

  it("warns on a subset defined twice, and on a second rule for the whole host", () => {
    const clash = drYaml(
      "reviews-v2",
      "reviews",
      "[{ name: v3, labels: { version: v3 } }, { name: v2, labels: { version: v2 } }]",
    );
    const context = contextFrom(`${BOOKINFO}\n---\n${clash}`);
    expect(checkSingleDestinationRulePerSubset(objectOf("DestinationRule", clash), context)).toEqual([
      {
        code: "KIA0201",
        severity: "warning",
        message:
          "More than one DestinationRules for the same host subset combination: subset v2 of reviews (bookinfo) is also defined by bookinfo/reviews",
        path: "spec/subsets[1]",
      },
    ]);
    const whole = drYaml("reviews-policy", "reviews", "[]");
    const withWhole = contextFrom(`${BOOKINFO}\n---\n${whole}`);
    expect(checkSingleDestinationRulePerSubset(objectOf("DestinationRule", whole), withWhole)).toEqual([
      expect.objectContaining({ code: "KIA0201", path: "spec/host" }),
    ]);
  });
});
