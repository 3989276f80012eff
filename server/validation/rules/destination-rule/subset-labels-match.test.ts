import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkSubsetLabelsMatchWorkloads } from "./subset-labels-match";

const REVIEWS_V3 = `
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec:
  host: reviews
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v3, labels: { version: v3 } }
`;

describe("KIA0203 subset labels match no workload", () => {
  it("accepts subsets whose labels select pods behind the Service", () => {
    const context = contextFrom(BOOKINFO);
    const dr = objectOf("DestinationRule", BOOKINFO);
    expect(checkSubsetLabelsMatchWorkloads(dr, context)).toEqual([]);
  });

  it("reports a subset with no pod as info while nothing routes to it", () => {
    const context = contextFrom(BOOKINFO);
    expect(checkSubsetLabelsMatchWorkloads(objectOf("DestinationRule", REVIEWS_V3), context)).toEqual([
      {
        code: "KIA0203",
        severity: "info",
        message: "This subset's labels are not found in any matching host: v3 (version=v3)",
        path: "spec/subsets[1]",
      },
    ]);
  });

  it("reports it as an error once a VirtualService routes to it (503 UH)", () => {
    const context = contextFrom(`${BOOKINFO}
---
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { hosts: [reviews], http: [{ route: [{ destination: { host: reviews, subset: v3 } }] }] }
`);
    expect(
      checkSubsetLabelsMatchWorkloads(objectOf("DestinationRule", REVIEWS_V3), context).map((c) => c.severity),
    ).toEqual(["error"]);
  });

  it("does not match pods of another service that carry the subset labels", () => {
    // ratings-v1 has version=v1 but is not behind the reviews Service selector.
    const context = contextFrom(
      BOOKINFO.replace("name: reviews-v1, namespace: bookinfo", "name: reviews-v1, namespace: elsewhere"),
    );
    const dr = objectOf("DestinationRule", BOOKINFO);
    expect(checkSubsetLabelsMatchWorkloads(dr, context).map((c) => c.path)).toEqual(["spec/subsets[0]"]);
  });

  it("checks ServiceEntry endpoints' labels for a mesh-external host", () => {
    const context = contextFrom(`
kind: ServiceEntry
metadata: { name: db, namespace: data }
spec:
  hosts: [db.example.internal]
  resolution: STATIC
  ports: [{ number: 5432, name: tcp, protocol: TCP }]
  endpoints: [{ address: 10.0.0.1, labels: { role: primary } }]
`);
    const dr = objectOf(
      "DestinationRule",
      `
kind: DestinationRule
metadata: { name: db, namespace: data }
spec: { host: db.example.internal, subsets: [{ name: primary, labels: { role: primary } }, { name: replica, labels: { role: replica } }] }
`,
    );
    expect(checkSubsetLabelsMatchWorkloads(dr, context).map((c) => c.path)).toEqual(["spec/subsets[1]"]);
  });
});
