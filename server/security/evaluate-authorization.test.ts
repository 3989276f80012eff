import { describe, expect, it } from "vitest";
import type { AuthorizationPolicy, AuthorizationPolicySpec } from "@/lib/istio/types";
import { evaluateAuthorization, namespaceOfPrincipal } from "./evaluate-authorization";

const policy = (name: string, spec: AuthorizationPolicySpec): AuthorizationPolicy => ({
  apiVersion: "security.istio.io/v1",
  kind: "AuthorizationPolicy",
  metadata: { name, namespace: "bookinfo" },
  spec,
});

const productpage = { principal: "cluster.local/ns/bookinfo/sa/bookinfo-productpage" };
const fortio = { principal: "cluster.local/ns/tools/sa/fortio" };
const plaintext = { principal: null };

const onlyProductpage = policy("reviews-viewer", {
  action: "ALLOW",
  rules: [{ from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"] } }] }],
});

describe("evaluateAuthorization", () => {
  it("allows everyone when no policy applies", () => {
    expect(evaluateAuthorization([], fortio).decision).toBe("allow");
  });

  it("ALLOW only productpage: productpage is allowed, any other caller is denied", () => {
    expect(evaluateAuthorization([onlyProductpage], productpage)).toMatchObject({
      decision: "allow",
      policy: "bookinfo/reviews-viewer",
    });
    expect(evaluateAuthorization([onlyProductpage], fortio).decision).toBe("deny");
  });

  it("a plaintext caller has no principal, so an ALLOW by principal denies it", () => {
    expect(evaluateAuthorization([onlyProductpage], plaintext).decision).toBe("deny");
    const anyAuthenticated = policy("mtls-only", { rules: [{ from: [{ source: { principals: ["*"] } }] }] });
    expect(evaluateAuthorization([anyAuthenticated], plaintext).decision).toBe("deny");
    expect(evaluateAuthorization([anyAuthenticated], fortio).decision).toBe("allow");
  });

  it("DENY wins over a matching ALLOW", () => {
    const denyProductpage = policy("deny-pp", {
      action: "DENY",
      rules: [{ from: [{ source: { namespaces: ["bookinfo"] } }] }],
    });
    expect(evaluateAuthorization([onlyProductpage, denyProductpage], productpage)).toMatchObject({
      decision: "deny",
      policy: "bookinfo/deny-pp",
    });
  });

  it("`spec: {}` denies everyone; `rules: [{}]` allows everyone", () => {
    const denyAll = policy("deny-all", {});
    expect(evaluateAuthorization([denyAll], productpage).decision).toBe("deny");
    expect(evaluateAuthorization([denyAll], plaintext).decision).toBe("deny");
    const allowAll = policy("allow-all", { rules: [{}] });
    expect(evaluateAuthorization([denyAll, allowAll], plaintext).decision).toBe("allow");
  });

  it("AUDIT never decides", () => {
    const audit = policy("audit", { action: "AUDIT", rules: [{}] });
    expect(evaluateAuthorization([audit], fortio).decision).toBe("allow");
    expect(evaluateAuthorization([audit, onlyProductpage], fortio).decision).toBe("deny");
  });

  it("a rule on paths or methods is undecidable, unless its source alone rules the caller out", () => {
    const getFromProductpage = policy("get-only", {
      rules: [
        {
          from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"] } }],
          to: [{ operation: { methods: ["GET"], paths: ["/reviews/*"] } }],
        },
      ],
    });
    expect(evaluateAuthorization([getFromProductpage], productpage).decision).toBe("undecidable");
    expect(evaluateAuthorization([getFromProductpage], fortio).decision).toBe("deny");
  });

  it("a DENY on paths is undecidable for the callers it might match; a certain DENY still decides", () => {
    const denyAdmin = policy("deny-admin", { action: "DENY", rules: [{ to: [{ operation: { paths: ["/admin"] } }] }] });
    expect(evaluateAuthorization([denyAdmin], fortio).decision).toBe("undecidable");
    const denyTools = policy("deny-tools", {
      action: "DENY",
      rules: [{ from: [{ source: { namespaces: ["tools"] } }] }],
    });
    expect(evaluateAuthorization([denyAdmin, denyTools], fortio).decision).toBe("deny");
  });

  it("CUSTOM hands a matching caller to its provider; a certain DENY decides first", () => {
    const custom = policy("ext", { action: "CUSTOM", provider: { name: "opa" }, rules: [{}] });
    const verdict = evaluateAuthorization([custom], fortio);
    expect(verdict.decision).toBe("undecidable");
    expect(verdict.reason).toContain("opa");
    const denyTools = policy("deny-tools", {
      action: "DENY",
      rules: [{ from: [{ source: { namespaces: ["tools"] } }] }],
    });
    expect(evaluateAuthorization([custom, denyTools], fortio).decision).toBe("deny");
  });

  it("namespaces come from the principal; notPrincipals and when-conditions on the source decide", () => {
    expect(namespaceOfPrincipal("cluster.local/ns/tools/sa/fortio")).toBe("tools");
    const notFortio = policy("not-fortio", { rules: [{ from: [{ source: { notPrincipals: ["*/sa/fortio"] } }] }] });
    expect(evaluateAuthorization([notFortio], fortio).decision).toBe("deny");
    expect(evaluateAuthorization([notFortio], productpage).decision).toBe("allow");
    const whenNs = policy("when-ns", { rules: [{ when: [{ key: "source.namespace", values: ["bookinfo"] }] }] });
    expect(evaluateAuthorization([whenNs], productpage).decision).toBe("allow");
    expect(evaluateAuthorization([whenNs], fortio).decision).toBe("deny");
    const whenHeader = policy("when-header", {
      rules: [{ when: [{ key: "request.headers[x-user]", values: ["a"] }] }],
    });
    expect(evaluateAuthorization([whenHeader], fortio).decision).toBe("undecidable");
  });
});
