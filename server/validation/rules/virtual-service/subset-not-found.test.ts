import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkSubsetsExist } from "./subset-not-found";

const vsTo = (subset: string, namespace = "bookinfo", host = "reviews") =>
  objectOf(
    "VirtualService",
    `
kind: VirtualService
metadata: { name: reviews, namespace: ${namespace} }
spec: { hosts: [${host}], http: [{ route: [{ destination: { host: ${host}, subset: ${subset} } }] }] }
`,
  );

describe("KIA1107 subset not found", () => {
  it("accepts a subset the host's DestinationRule defines, from another namespace by FQDN too", () => {
    const context = contextFrom(BOOKINFO);
    expect(checkSubsetsExist(vsTo("v2"), context)).toEqual([]);
    expect(checkSubsetsExist(vsTo("v1", "frontend", "reviews.bookinfo.svc.cluster.local"), context)).toEqual([]);
  });

  it("flags a subset no DestinationRule defines, at the destination", () => {
    expect(checkSubsetsExist(vsTo("v4"), contextFrom(BOOKINFO))).toEqual([
      {
        code: "KIA1107",
        severity: "warning",
        message: "Subset not found: subset v4 of reviews (bookinfo) is not defined in any DestinationRule",
        path: "spec/http[0]/route[0]/destination",
      },
    ]);
  });

  it("looks only at the most specific DestinationRule, as Istio does", () => {
    const context = contextFrom(`${BOOKINFO}
---
kind: DestinationRule
metadata: { name: all, namespace: bookinfo }
spec: { host: "*.bookinfo.svc.cluster.local", subsets: [{ name: v3, labels: { version: v3 } }] }
`);
    // reviews has its own DestinationRule without v3: the wildcard one does not apply to it.
    expect(checkSubsetsExist(vsTo("v3"), context).map((c) => c.code)).toEqual(["KIA1107"]);
    // ratings has none: the wildcard one applies, and defines v3.
    expect(checkSubsetsExist(vsTo("v3", "bookinfo", "ratings"), context)).toEqual([]);
  });
});
