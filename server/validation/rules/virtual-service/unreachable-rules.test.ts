import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkIneffectiveMatches, checkUnreachableRulesUsed } from "./unreachable-rules";

const context = contextFrom(BOOKINFO);

describe("IST0130 unreachable rule / IST0131 ineffective match", () => {
  it("accepts distinct matches followed by one catch-all", () => {
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
  - route: [{ destination: { host: reviews, subset: v1 } }]
`,
    );
    expect(checkUnreachableRulesUsed(vs, context)).toEqual([]);
    expect(checkIneffectiveMatches(vs, context)).toEqual([]);
  });

  it("flags a rule after a catch-all (IST0130) and a match already taken (IST0131)", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - name: jason
    match: [{ headers: { end-user: { exact: jason } } }]
    route: [{ destination: { host: reviews, subset: v2 } }]
  - name: jason-again
    match: [{ headers: { end-user: { exact: jason } } }, { uri: { prefix: /api } }]
    route: [{ destination: { host: reviews, subset: v1 } }]
  - route: [{ destination: { host: reviews, subset: v1 } }]
  - route: [{ destination: { host: reviews, subset: v2 } }]
`,
    );
    expect(checkUnreachableRulesUsed(vs, context)).toEqual([
      {
        code: "IST0130",
        severity: "warning",
        message: "virtualService rule #3 not used (only the last rule can have no matches)",
        path: "spec/http[3]",
      },
    ]);
    expect(checkIneffectiveMatches(vs, context)).toEqual([
      {
        code: "IST0131",
        severity: "warning",
        message: 'virtualService rule "jason-again" match #0 is not used (duplicate/overlapping match in rule "jason")',
        path: "spec/http[1]/match[0]",
      },
    ]);
  });
});
