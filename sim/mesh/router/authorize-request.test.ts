import { describe, expect, it } from "vitest";
import type { AuthorizationPolicySpec } from "@/lib/istio/types";
import type { AuthorizationPolicyEntry } from "@/lib/istio/routing/snapshot";
import { snapshotWith } from "../test-support/snapshot-fixture";
import {
  authorizationPoliciesFor,
  authorize,
  rbacDeniedDetails,
  type AuthorizationDecision,
  type AuthorizationInput,
} from "@/lib/istio/routing/authorize-request";

const PRODUCTPAGE = "spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage";
const SLEEP = "spiffe://cluster.local/ns/foo/sa/sleep";

let order = 0;
function policy(name: string, spec: AuthorizationPolicySpec, namespace = "bookinfo"): AuthorizationPolicyEntry {
  return { name, namespace, spec, order: order++ };
}

function get(path: string, headers: Record<string, string> = {}, from: Partial<AuthorizationInput> = {}) {
  return {
    principal: PRODUCTPAGE,
    sourceIp: "10.244.1.5",
    port: 9080,
    ...from,
    http: { authority: "reviews:9080", method: "GET", path, headers },
  } satisfies AuthorizationInput;
}

const ALLOWED: AuthorizationDecision = { allowed: true };
/** Allowed or denied, and by which rule when denied (the allowing rule is the explainer's business). */
const verdict = (decision: AuthorizationDecision): AuthorizationDecision => (decision.allowed ? ALLOWED : decision);
const denied = (matchedPolicy: string): AuthorizationDecision => ({ allowed: false, matchedPolicy });

const allowProductpage = policy("allow-productpage", {
  action: "ALLOW",
  rules: [{ from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"] } }] }],
});
const denyJasonGet = policy("deny-get", {
  action: "DENY",
  rules: [
    {
      to: [{ operation: { methods: ["GET"], paths: ["/ratings*"] } }],
      when: [{ key: "request.headers[end-user]", values: ["jason"] }],
    },
  ],
});

describe("authorize (Envoy RBAC as Istio configures it)", () => {
  const cases: Array<{
    name: string;
    policies: AuthorizationPolicyEntry[];
    input: AuthorizationInput;
    want: AuthorizationDecision;
  }> = [
    { name: "no policy allows everything", policies: [], input: get("/", {}, { principal: undefined }), want: ALLOWED },
    { name: "spec {} denies all", policies: [policy("deny-all", {})], input: get("/"), want: denied("none") },
    {
      name: "rules [{}] allows all, even plaintext callers",
      policies: [policy("allow-all", { rules: [{}] })],
      input: get("/", {}, { principal: undefined }),
      want: ALLOWED,
    },
    {
      name: "ALLOW by principal lets productpage in",
      policies: [allowProductpage],
      input: get("/reviews/0"),
      want: ALLOWED,
    },
    {
      name: "ALLOW by principal turns away another identity",
      policies: [allowProductpage],
      input: get("/reviews/0", {}, { principal: SLEEP }),
      want: denied("none"),
    },
    {
      name: "ALLOW by principal turns away a plaintext caller",
      policies: [allowProductpage],
      input: get("/reviews/0", {}, { principal: undefined }),
      want: denied("none"),
    },
    {
      name: "principals [*] needs an identity",
      policies: [policy("any-identity", { rules: [{ from: [{ source: { principals: ["*"] } }] }] })],
      input: get("/", {}, { principal: undefined }),
      want: denied("none"),
    },
    {
      name: "principal suffix wildcard",
      policies: [policy("sa", { rules: [{ from: [{ source: { principals: ["*/sa/sleep"] } }] }] })],
      input: get("/", {}, { principal: SLEEP }),
      want: ALLOWED,
    },
    {
      name: "principal prefix wildcard",
      policies: [policy("ns", { rules: [{ from: [{ source: { principals: ["cluster.local/ns/bookinfo/*"] } }] }] })],
      input: get("/", {}, { principal: SLEEP }),
      want: denied("none"),
    },
    {
      name: "namespaces read the caller's identity",
      policies: [policy("from-bookinfo", { rules: [{ from: [{ source: { namespaces: ["bookinfo"] } }] }] })],
      input: get("/"),
      want: ALLOWED,
    },
    {
      name: "a plaintext caller is in no namespace",
      policies: [policy("from-bookinfo", { rules: [{ from: [{ source: { namespaces: ["bookinfo"] } }] }] })],
      input: get("/", {}, { principal: undefined }),
      want: denied("none"),
    },
    {
      name: "DENY notNamespaces catches a plaintext caller",
      policies: [
        policy("outsiders", { action: "DENY", rules: [{ from: [{ source: { notNamespaces: ["bookinfo"] } }] }] }),
      ],
      input: get("/", {}, { principal: undefined }),
      want: denied("ns[bookinfo]-policy[outsiders]-rule[0]"),
    },
    {
      name: "notPrincipals excludes the named caller",
      policies: [policy("not-sleep", { rules: [{ from: [{ source: { notPrincipals: ["*/sa/sleep"] } }] }] })],
      input: get("/", {}, { principal: SLEEP }),
      want: denied("none"),
    },
    {
      name: "ipBlocks match the caller's address",
      policies: [policy("pods", { rules: [{ from: [{ source: { ipBlocks: ["10.244.1.0/24"] } }] }] })],
      input: get("/"),
      want: ALLOWED,
    },
    {
      name: "ipBlocks outside the block",
      policies: [policy("pods", { rules: [{ from: [{ source: { ipBlocks: ["10.244.2.0/24", "10.244.1.6"] } }] }] })],
      input: get("/"),
      want: denied("none"),
    },
    {
      name: "DENY on GET /ratings for jason denies jason",
      policies: [denyJasonGet],
      input: get("/ratings/0", { "end-user": "jason" }),
      want: denied("ns[bookinfo]-policy[deny-get]-rule[0]"),
    },
    {
      name: "DENY on GET /ratings for jason lets others through",
      policies: [denyJasonGet],
      input: get("/ratings/0", { "end-user": "alice" }),
      want: ALLOWED,
    },
    {
      name: "DENY paths ignore the query string",
      policies: [policy("deny-exact", { action: "DENY", rules: [{ to: [{ operation: { paths: ["/ratings/0"] } }] }] })],
      input: get("/ratings/0?x=1"),
      want: denied("ns[bookinfo]-policy[deny-exact]-rule[0]"),
    },
    {
      name: "DENY wins over ALLOW",
      policies: [policy("allow-all", { rules: [{}] }), policy("deny-all", { action: "DENY", rules: [{}] })],
      input: get("/"),
      want: denied("ns[bookinfo]-policy[deny-all]-rule[0]"),
    },
    {
      name: "a DENY policy without rules denies nothing",
      policies: [policy("empty-deny", { action: "DENY" })],
      input: get("/"),
      want: ALLOWED,
    },
    {
      name: "CUSTOM denies what it matches (no external authorizer: fail closed)",
      policies: [policy("ext", { action: "CUSTOM", provider: { name: "x" }, rules: [{}] })],
      input: get("/"),
      want: denied("ns[bookinfo]-policy[ext]-rule[0]"),
    },
    {
      name: "AUDIT never decides",
      policies: [policy("audit", { action: "AUDIT", rules: [{}] })],
      input: get("/"),
      want: ALLOWED,
    },
    {
      name: "an ALLOW rule needs from, to and when to hold",
      policies: [
        policy("get-only", {
          rules: [
            {
              from: [{ source: { principals: ["*"] } }],
              to: [{ operation: { methods: ["POST"] } }],
            },
            { to: [{ operation: { methods: ["GET"], ports: ["9090"] } }] },
          ],
        }),
      ],
      input: get("/"),
      want: denied("none"),
    },
    {
      name: "hosts match the authority without its port, ignoring case",
      policies: [policy("host", { rules: [{ to: [{ operation: { hosts: ["Reviews"] } }] }] })],
      input: get("/"),
      want: ALLOWED,
    },
    {
      name: "when source.namespace and notValues",
      policies: [
        policy("when", {
          rules: [
            {
              when: [
                { key: "source.namespace", values: ["book*"] },
                { key: "request.headers[end-user]", notValues: ["jason"] },
              ],
            },
          ],
        }),
      ],
      input: get("/", { "end-user": "jason" }),
      want: denied("none"),
    },
    {
      name: "request principals never match (no JWTs)",
      policies: [policy("jwt", { rules: [{ from: [{ source: { requestPrincipals: ["*"] } }] }] })],
      input: get("/"),
      want: denied("none"),
    },
    {
      name: "of several DENY matches the lowest name is reported",
      policies: [
        policy("zz", { action: "DENY", rules: [{}] }),
        policy("aa", { action: "DENY", rules: [{ to: [{ operation: { methods: ["PUT"] } }] }, {}] }),
      ],
      input: get("/"),
      want: denied("ns[bookinfo]-policy[aa]-rule[1]"),
    },
  ];
  it.each(cases)("$name", ({ policies, input, want }) => {
    expect(verdict(authorize(policies, input))).toEqual(want);
  });
});

describe("authorize a TCP connection (no HTTP fields to read)", () => {
  const tcp: AuthorizationInput = { principal: SLEEP, sourceIp: "10.244.1.9", port: 9000 };
  const cases: Array<{ name: string; policies: AuthorizationPolicyEntry[]; want: AuthorizationDecision }> = [
    {
      name: "a DENY rule of HTTP-only fields denies every connection",
      policies: [policy("deny-get", { action: "DENY", rules: [{ to: [{ operation: { methods: ["GET"] } }] }] })],
      want: denied("ns[bookinfo]-policy[deny-get]-rule[0]"),
    },
    {
      name: "a DENY rule keeps its TCP fields",
      policies: [
        policy("deny-9001", {
          action: "DENY",
          rules: [{ to: [{ operation: { methods: ["GET"], ports: ["9001"] } }] }],
        }),
      ],
      want: ALLOWED,
    },
    {
      name: "an ALLOW rule with an HTTP-only field allows no connection",
      policies: [policy("allow-get", { rules: [{ to: [{ operation: { methods: ["GET"], ports: ["9000"] } }] }] })],
      want: denied("none"),
    },
    {
      name: "an ALLOW rule of TCP fields allows",
      policies: [policy("allow-9000", { rules: [{ to: [{ operation: { ports: ["9000"] } }] }] })],
      want: ALLOWED,
    },
    {
      name: "a DENY header condition is dropped",
      policies: [
        policy("deny-jason", {
          action: "DENY",
          rules: [{ when: [{ key: "request.headers[end-user]", values: ["x"] }] }],
        }),
      ],
      want: denied("ns[bookinfo]-policy[deny-jason]-rule[0]"),
    },
  ];
  it.each(cases)("$name", ({ policies, want }) => {
    expect(verdict(authorize(policies, tcp))).toEqual(want);
  });
});

describe("which policies apply to a workload", () => {
  const snapshot = snapshotWith(`
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: mesh-wide, namespace: istio-system }
spec: { action: DENY, rules: [{ to: [{ operation: { paths: ["/admin"] } }] }] }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: reviews-only, namespace: bookinfo }
spec: { selector: { matchLabels: { app: reviews } }, rules: [{}] }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: httpbin-ns, namespace: httpbin }
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: at-gateway, namespace: bookinfo }
spec: { targetRefs: [{ kind: Gateway, group: gateway.networking.k8s.io, name: bookinfo-gateway }] }
`);
  const names = (app: string): string[] => {
    const pod = snapshot.pods.find((p) => p.labels.app === app);
    if (!pod) throw new Error(`no ${app} pod`);
    return authorizationPoliciesFor(snapshot, pod).map((p) => p.name);
  };

  it("root-namespace policies apply mesh-wide; a selector picks workloads; targetRefs bind no sidecar", () => {
    expect(names("reviews")).toEqual(["mesh-wide", "reviews-only"]);
    expect(names("ratings")).toEqual(["mesh-wide"]);
    expect(names("httpbin")).toEqual(["mesh-wide", "httpbin-ns"]);
  });

  it("writes Envoy's details string", () => {
    expect(rbacDeniedDetails("none")).toBe("rbac_access_denied_matched_policy[none]");
  });
});
