import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkWebhookFindings } from "./webhook-findings";

const context = contextFrom(BOOKINFO);

describe("TOP0001 / TOP0002 istiod's webhook findings", () => {
  it("reports nothing for an object istiod admits silently", () => {
    expect(checkWebhookFindings(objectOf("DestinationRule", BOOKINFO), context)).toEqual([]);
  });

  it("reports a denial as TOP0001 with istiod's message and path", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - route:
    - { destination: { host: reviews, subset: v1 }, weight: -10 }
    - { destination: { host: reviews, subset: v2 }, weight: 110 }
`,
    );
    expect(checkWebhookFindings(vs, context)).toContainEqual({
      code: "TOP0001",
      severity: "error",
      message: "weight -10 < 0",
      path: expect.stringContaining("spec/http[0]/route[0]"),
    });
  });

  it("reports a regex Go's RE2 cannot compile as TOP0001, in istiod's words, at the match", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - match: [{ uri: { regex: "((" } }]
    route: [{ destination: { host: reviews, subset: v1 } }]
`,
    );
    expect(checkWebhookFindings(vs, context)).toContainEqual({
      code: "TOP0001",
      severity: "error",
      message:
        '"uri": error parsing regexp: missing closing ): `((`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)',
      path: "spec/http[0]/match[0]/uri",
    });
  });

  it("reports a webhook warning as TOP0002, leaving unused rules to IST0130", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  gateways: [bookinfo.bookinfo.svc.cluster.local]
  http:
  - route: [{ destination: { host: reviews } }]
  - route: [{ destination: { host: reviews } }]
`,
    );
    const checks = checkWebhookFindings(vs, context);
    expect(checks.map((c) => c.code)).toEqual(["TOP0002"]);
    expect(checks[0]?.message).toContain("legacy gatewayName format");
  });
});
