import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ConfigSnapshot, PodInfo } from "@/lib/istio/routing/snapshot";
import { authorizationPoliciesFor, authorize } from "@/lib/istio/routing/authorize-request";
import { PUSHED_AT, podOf, section } from "../test-support/read-config-dump";
import { snapshotWith } from "../test-support/snapshot-fixture";
import { rbacPolicyOf } from "./build-rbac-filters";
import { configDumpFor } from "./config-dump";

const Filter = z.object({ name: z.string(), typed_config: z.record(z.string(), z.unknown()).optional() });
const RbacRules = z.object({
  rules: z.object({
    action: z.string().optional(),
    policies: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  }),
});
const Hcm = z.object({ http_filters: z.array(Filter), route_config: z.object({ name: z.string() }) });

const Listeners = z.object({
  dynamic_listeners: z.array(
    z.object({
      name: z.string(),
      active_state: z.object({
        listener: z.object({
          filter_chains: z.array(z.object({ name: z.string().optional(), filters: z.array(Filter) })),
        }),
      }),
    }),
  ),
});

/** The filters of one inbound port's chain in virtualInbound. */
function inboundFilters(snapshot: ConfigSnapshot, proxy: PodInfo, port: number) {
  const listeners = Listeners.parse(
    section(configDumpFor(snapshot, proxy, { pushedAt: PUSHED_AT }), "ListenersConfigDump"),
  );
  const chain = listeners.dynamic_listeners
    .find((l) => l.name === "virtualInbound")
    ?.active_state.listener.filter_chains.find((c) => c.name === `0.0.0.0_${port}`);
  if (!chain) throw new Error(`no inbound chain for ${port}`);
  return chain.filters;
}

function httpFilters(snapshot: ConfigSnapshot, proxy: PodInfo, port: number) {
  const hcm = inboundFilters(snapshot, proxy, port).find(
    (f) => f.name === "envoy.filters.network.http_connection_manager",
  );
  return Hcm.parse(hcm?.typed_config).http_filters;
}

const rbacOf = (filters: z.infer<typeof Filter>[]) =>
  filters.filter((f) => f.name.endsWith(".rbac")).map((f) => RbacRules.parse(f.typed_config).rules);

const POLICIES = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: reviews-from-productpage, namespace: bookinfo }
spec:
  selector: { matchLabels: { app: reviews } }
  action: ALLOW
  rules:
    - from: [{ source: { principals: [cluster.local/ns/bookinfo/sa/bookinfo-productpage] } }]
      to: [{ operation: { methods: [GET] } }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-admin, namespace: bookinfo }
spec:
  action: DENY
  rules:
    - to: [{ operation: { paths: [/admin*] } }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: ratings-only, namespace: bookinfo }
spec:
  selector: { matchLabels: { app: ratings } }
  rules: [{}]
`;

describe("the RBAC filters of a sidecar's inbound HTTP chain", () => {
  const snapshot = snapshotWith(POLICIES);
  const reviews = podOf(snapshot, "reviews-v1");

  it("are absent when no AuthorizationPolicy applies to the workload", () => {
    const plain = snapshotWith();
    expect(rbacOf(httpFilters(plain, podOf(plain, "reviews-v1"), 9080))).toEqual([]);
  });

  it("put the DENY filter before the ALLOW filter, after authentication and before the router", () => {
    const names = httpFilters(snapshot, reviews, 9080).map((f) => f.name);
    expect(names.slice(0, 4)).toEqual([
      "istio.metadata_exchange",
      "istio_authn",
      "envoy.filters.http.rbac",
      "envoy.filters.http.rbac",
    ]);
    expect(names.at(-1)).toBe("envoy.filters.http.router");
    const [deny, allow] = rbacOf(httpFilters(snapshot, reviews, 9080));
    expect(deny?.action).toBe("DENY");
    expect(Object.keys(deny?.policies ?? {})).toEqual(["ns[bookinfo]-policy[deny-admin]-rule[0]"]);
    // ALLOW is the proto default: not printed.
    expect(allow?.action).toBeUndefined();
    // ratings-only selects another workload.
    expect(Object.keys(allow?.policies ?? {})).toEqual(["ns[bookinfo]-policy[reviews-from-productpage]-rule[0]"]);
  });

  it("key each policy rule by the name the router reports when it denies", () => {
    const decision = authorize(authorizationPoliciesFor(snapshot, reviews), {
      principal: "spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage",
      port: 9080,
      http: { authority: "reviews:9080", method: "GET", path: "/admin/x", headers: {} },
    });
    expect(decision).toEqual({ allowed: false, matchedPolicy: "ns[bookinfo]-policy[deny-admin]-rule[0]" });
    const [deny] = rbacOf(httpFilters(snapshot, reviews, 9080));
    expect(Object.keys(deny?.policies ?? {})).toContain(decision.allowed ? "" : decision.matchedPolicy);
  });

  it("render an ALLOW policy with an empty rule as one that matches everything", () => {
    const [, allow] = rbacOf(httpFilters(snapshot, podOf(snapshot, "ratings-v1"), 9080));
    expect(allow?.policies?.["ns[bookinfo]-policy[ratings-only]-rule[0]"]).toEqual({
      permissions: [{ and_rules: { rules: [{ any: true }] } }],
      principals: [{ and_ids: { ids: [{ any: true }] } }],
    });
  });

  it("leave an ALLOW policy without rules with no policies, so it denies every request", () => {
    const denyAll = snapshotWith(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: allow-nothing, namespace: istio-system }
spec: {}
`);
    expect(rbacOf(httpFilters(denyAll, podOf(denyAll, "details-v1"), 9080))).toEqual([{}]);
  });
});

describe("the RBAC filters of a sidecar's inbound TCP chain", () => {
  const snapshot = snapshotWith(`apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: tcp-policy, namespace: tcp-echo }
spec:
  selector: { matchLabels: { app: tcp-echo } }
  rules:
    - to: [{ operation: { methods: [GET] } }]
    - to: [{ operation: { ports: ["9000"] } }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: tcp-deny, namespace: tcp-echo }
spec:
  selector: { matchLabels: { app: tcp-echo } }
  action: DENY
  rules:
    - to: [{ operation: { paths: [/x] } }]
`);
  const filters = inboundFilters(snapshot, podOf(snapshot, "tcp-echo"), 9000);

  it("come before the TCP proxy as network RBAC filters", () => {
    expect(filters.map((f) => f.name)).toEqual([
      "envoy.filters.network.rbac",
      "envoy.filters.network.rbac",
      "envoy.filters.network.tcp_proxy",
    ]);
  });

  it("drop an ALLOW rule that needs HTTP, and only the HTTP fields of a DENY rule (which then matches every connection)", () => {
    const [deny, allow] = rbacOf(filters);
    expect(Object.keys(allow?.policies ?? {})).toEqual(["ns[tcp-echo]-policy[tcp-policy]-rule[1]"]);
    expect(deny?.policies?.["ns[tcp-echo]-policy[tcp-deny]-rule[0]"]).toMatchObject({
      permissions: [{ and_rules: { rules: [{ any: true }] } }],
    });
  });
});

describe("one AuthorizationPolicy rule as an Envoy RBAC policy", () => {
  it("ORs a field's values, negates its not-values, and places conditions with the caller or the destination", () => {
    expect(
      rbacPolicyOf(
        {
          from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/*"], notNamespaces: ["test"] } }],
          to: [{ operation: { methods: ["GET", "HEAD"], paths: ["/api/*"], notPaths: ["*/admin"] } }],
          when: [
            { key: "request.headers[x-user]", values: ["*"] },
            { key: "destination.port", values: ["9080"] },
          ],
        },
        "http",
      ),
    ).toEqual({
      permissions: [
        {
          and_rules: {
            rules: [
              {
                or_rules: {
                  rules: [
                    { header: { name: ":method", string_match: { exact: "GET" } } },
                    { header: { name: ":method", string_match: { exact: "HEAD" } } },
                  ],
                },
              },
              { or_rules: { rules: [{ url_path: { path: { prefix: "/api/" } } }] } },
              { not_rule: { or_rules: { rules: [{ url_path: { path: { suffix: "/admin" } } }] } } },
              { or_rules: { rules: [{ destination_port: 9080 }] } },
            ],
          },
        },
      ],
      principals: [
        {
          and_ids: {
            ids: [
              {
                or_ids: {
                  ids: [{ authenticated: { principal_name: { prefix: "spiffe://cluster.local/ns/bookinfo/sa/" } } }],
                },
              },
              {
                not_id: {
                  or_ids: { ids: [{ authenticated: { principal_name: { safe_regex: { regex: ".*/ns/test/.*" } } } }] },
                },
              },
              { or_ids: { ids: [{ header: { name: "x-user", string_match: { safe_regex: { regex: ".+" } } } }] } },
            ],
          },
        },
      ],
    });
  });
});
