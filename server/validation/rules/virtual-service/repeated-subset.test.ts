import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkRepeatedSubsets } from "./repeated-subset";

const context = contextFrom(BOOKINFO);

describe("KIA1105 repeated subset in one route", () => {
  it("accepts distinct subsets, and the same subset in different rules", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - match: [{ headers: { end-user: { exact: jason } } }]
    route: [{ destination: { host: reviews, subset: v2 } }]
  - route:
    - { destination: { host: reviews, subset: v1 }, weight: 50 }
    - { destination: { host: reviews, subset: v2 }, weight: 50 }
`,
    );
    expect(checkRepeatedSubsets(vs, context)).toEqual([]);
  });

  it("warns on the second reference to the same host+subset, even written differently", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - route:
    - { destination: { host: reviews, subset: v1 }, weight: 50 }
    - { destination: { host: reviews.bookinfo.svc.cluster.local, subset: v1 }, weight: 50 }
`,
    );
    expect(checkRepeatedSubsets(vs, context)).toEqual([
      {
        code: "KIA1105",
        severity: "warning",
        message:
          "This host subset combination is already referenced in another route destination: subset v1 of reviews (bookinfo)",
        path: "spec/http[0]/route[1]/destination",
      },
    ]);
  });
});
