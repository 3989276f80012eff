import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkMethodsValid } from "./wrong-method";

const policy = (methods: string) => `
kind: AuthorizationPolicy
metadata: { name: methods, namespace: bookinfo }
spec:
  rules:
  - to: [{ operation: { paths: ["/reviews/*"] } }, { operation: { methods: [${methods}] } }]
`;

describe("KIA0102 method neither HTTP nor gRPC", () => {
  const context = contextFrom("");

  it("accepts HTTP methods, Istio's prefix/suffix/any forms and fully-qualified gRPC methods", () => {
    const ap = objectOf("AuthorizationPolicy", policy(`GET, PATCH, "P*", "*ETE", "*", "/helloworld.Greeter/SayHello"`));
    expect(checkMethodsValid(ap, context)).toEqual([]);
  });

  it("warns on a method that never matches, saying how to write it", () => {
    const ap = objectOf("AuthorizationPolicy", policy(`GET, get, FETCH, "/Greeter/SayHello"`));
    const checks = checkMethodsValid(ap, context);
    expect(checks.map((c) => [c.code, c.severity, c.path])).toEqual([
      ["KIA0102", "warning", "spec/rules[0]/to[1]/operation/methods[1]"],
      ["KIA0102", "warning", "spec/rules[0]/to[1]/operation/methods[2]"],
      ["KIA0102", "warning", "spec/rules[0]/to[1]/operation/methods[3]"],
    ]);
    expect(checks[0]?.message).toBe(
      'Only HTTP methods and fully-qualified gRPC names are allowed: "get" never matches: methods are case-sensitive, write "GET"',
    );
  });
});
