import { describe, expect, it } from "vitest";
import { describeAuthorizationPolicy, describeAuthorizationRule } from "./describe-authorization-rule";

describe("an AuthorizationPolicy rule in words", () => {
  it("reads an empty rule as any caller making any request", () => {
    expect(describeAuthorizationRule({})).toEqual({
      from: [],
      to: [],
      when: [],
      sentence: "from any caller, to any request",
    });
  });

  it("ANDs the fields of one source and ORs the sources", () => {
    const words = describeAuthorizationRule({
      from: [
        { source: { principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"], notNamespaces: ["test"] } },
        { source: { namespaces: ["istio-system", "monitoring", "ops"] } },
      ],
    });
    expect(words.from).toEqual([
      "principal is cluster.local/ns/bookinfo/sa/bookinfo-productpage and namespace is not test",
      "namespace is istio-system, monitoring or ops",
    ]);
    expect(words.sentence).toBe(
      "from (principal is cluster.local/ns/bookinfo/sa/bookinfo-productpage and namespace is not test) or (namespace is istio-system, monitoring or ops), to any request",
    );
  });

  it("reads wildcards as Istio matches them", () => {
    const words = describeAuthorizationRule({
      to: [{ operation: { methods: ["GET", "HEAD"], paths: ["/api/*"], notPaths: ["*/admin"], hosts: ["*"] } }],
    });
    expect(words.to).toEqual([
      "host is any value and method is GET or HEAD and path is /api/… and path is not …/admin",
    ]);
  });

  it("adds the conditions, all of which must hold", () => {
    const words = describeAuthorizationRule({
      when: [
        { key: "request.headers[x-user]", values: ["alice"] },
        { key: "source.ip", notValues: ["10.0.0.0/8"] },
      ],
    });
    expect(words.when).toEqual(["request.headers[x-user] is alice", "source.ip is not 10.0.0.0/8"]);
    expect(words.sentence).toBe(
      "from any caller, to any request, when request.headers[x-user] is alice and source.ip is not 10.0.0.0/8",
    );
  });

  it("says a source entry without fields is any caller", () => {
    expect(describeAuthorizationRule({ from: [{ source: {} }] }).from).toEqual(["any caller"]);
  });
});

describe("an AuthorizationPolicy in one line", () => {
  it("says an ALLOW policy without rules denies everything", () => {
    expect(describeAuthorizationPolicy("ALLOW", [])).toMatch(/denies every request/);
    expect(describeAuthorizationPolicy("DENY", [])).toBe("Denies nothing: a policy without rules matches no request.");
    expect(describeAuthorizationPolicy("DENY", [{}, {}])).toBe("Denies requests that match any of its 2 rules.");
  });
});
