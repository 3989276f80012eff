import { describe, expect, it } from "vitest";
import { validateIstioConfig, type ValidationFinding } from "./index";

function check(kind: string, spec: Record<string, unknown>): ValidationFinding[] {
  return validateIstioConfig({
    apiVersion: "security.istio.io/v1",
    kind,
    metadata: { name: "p", namespace: "bookinfo" },
    spec,
  });
}
const errors = (fs: ValidationFinding[]) => fs.filter((f) => f.severity === "error").map((f) => f.message);
const warnings = (fs: ValidationFinding[]) => fs.filter((f) => f.severity === "warning").map((f) => f.message);

describe("PeerAuthentication", () => {
  it("accepts namespace-wide STRICT mTLS", () => {
    expect(check("PeerAuthentication", { mtls: { mode: "STRICT" } })).toEqual([]);
  });

  it("refuses port-level mTLS without a selector and out-of-range ports", () => {
    expect(errors(check("PeerAuthentication", { portLevelMtls: { "80": { mode: "DISABLE" } } }))).toEqual([
      "mesh/namespace peer authentication cannot have port level mTLS",
    ]);
    expect(
      errors(
        check("PeerAuthentication", {
          selector: { matchLabels: { app: "a" } },
          portLevelMtls: { "70000": { mode: "DISABLE" } },
        }),
      ),
    ).toEqual(["port must be in range 1..65535"]);
  });
});

describe("AuthorizationPolicy", () => {
  it("accepts an ALLOW policy by principal and path", () => {
    expect(
      check("AuthorizationPolicy", {
        action: "ALLOW",
        rules: [
          {
            from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"] } }],
            to: [{ operation: { methods: ["GET"], ports: ["9080"] } }],
          },
        ],
      }),
    ).toEqual([]);
  });

  it("prefixes errors with the policy name, as istiod does", () => {
    expect(errors(check("AuthorizationPolicy", { action: "DENY" }))).toEqual([
      "invalid policy p.bookinfo: DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request",
    ]);
    expect(errors(check("AuthorizationPolicy", { rules: [{ from: [{ source: {} }] }] }))).toEqual([
      "invalid policy p.bookinfo: `from.source` must not be empty, found at rule 0",
    ]);
  });

  it("warns that an HTTP-only DENY rule blocks TCP ports", () => {
    expect(
      warnings(
        check("AuthorizationPolicy", { action: "DENY", rules: [{ to: [{ operation: { methods: ["POST"] } }] }] }),
      ),
    ).toHaveLength(1);
  });
});

describe("RequestAuthentication", () => {
  it("accepts a JWT rule with an issuer", () => {
    expect(
      check("RequestAuthentication", {
        jwtRules: [{ issuer: "testing@secure.istio.io", jwksUri: "https://example.com/jwks.json" }],
      }),
    ).toEqual([]);
  });

  it("requires the issuer", () => {
    expect(errors(check("RequestAuthentication", { jwtRules: [{ audiences: [""] }] }))).toEqual([
      "issuer must be set",
      "audience must be non-empty string",
    ]);
  });
});
