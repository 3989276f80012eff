import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkSingleRouteWeight } from "./single-weight";

const context = contextFrom(BOOKINFO);

const vsWith = (routes: string) =>
  objectOf(
    "VirtualService",
    `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - route:
${routes}
`,
  );

describe("KIA1104 single route weight", () => {
  it("accepts a lone destination without weight or at 100, and a weighted split", () => {
    expect(checkSingleRouteWeight(vsWith("    - destination: { host: reviews }"), context)).toEqual([]);
    expect(checkSingleRouteWeight(vsWith("    - { destination: { host: reviews }, weight: 100 }"), context)).toEqual(
      [],
    );
    expect(
      checkSingleRouteWeight(
        vsWith(
          "    - { destination: { host: reviews, subset: v1 }, weight: 80 }\n    - { destination: { host: reviews, subset: v2 }, weight: 20 }",
        ),
        context,
      ),
    ).toEqual([]);
  });

  it("warns that a lone destination weighted 80 still gets all the traffic", () => {
    expect(
      checkSingleRouteWeight(vsWith("    - { destination: { host: reviews, subset: v1 }, weight: 80 }"), context),
    ).toEqual([
      {
        code: "KIA1104",
        severity: "warning",
        message: "The weight is assumed to be 100 because there is only one route destination: weight 80",
        path: "spec/http[0]/route[0]/weight",
      },
    ]);
  });
});
