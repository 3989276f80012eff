import { describe, expect, it } from "vitest";
import type { AuthorizationPolicy } from "@/lib/istio/types";
import type { PromSample } from "@/server/adapters/prometheus";
import { buildAuthorizationPolicy } from "./build-authorization-policy";
import { generateAllowObserved } from "./generate-allow-observed";
import { replayAuthorization, type ReplayDeps, type SecurityInventory } from "./replay-authorization";
import { authorizationPolicyFormSchema } from "@/lib/contracts/security";

/** One destination-reported series of istio_requests_total, as Prometheus answers `sum(rate(...)) by (...)`. */
function call(source: string, sourceNs: string, sa: string | null, destination: string, rate: number): PromSample {
  return {
    labels: {
      source_workload: source,
      source_workload_namespace: sourceNs,
      source_principal: sa ? `spiffe://cluster.local/ns/${sourceNs}/sa/${sa}` : "unknown",
      destination_workload: destination,
      destination_workload_namespace: "bookinfo",
      request_protocol: "http",
      connection_security_policy: sa ? "mutual_tls" : "none",
    },
    value: rate,
  };
}

const workload = (name: string, app: string, version = "v1") => ({
  namespace: "bookinfo",
  name,
  labels: { app, version, "pod-template-hash": "abc", "security.istio.io/tlsMode": "istio" },
});

const observed: PromSample[] = [
  call("productpage-v1", "bookinfo", "bookinfo-productpage", "reviews-v1", 2.5),
  call("fortio", "tools", "fortio", "reviews-v1", 0.75),
  call("legacy", "legacy", null, "reviews-v2", 0.2),
  call("reviews-v1", "bookinfo", "bookinfo-reviews", "ratings-v1", 1),
  // A series that had no request in the window is no caller.
  call("idle", "tools", "idle", "reviews-v1", 0),
];

function deps(policies: AuthorizationPolicy[] = [], samples = observed) {
  const queries: string[] = [];
  const inventory: SecurityInventory = {
    namespaces: ["istio-system", "bookinfo", "tools", "legacy"],
    rootNamespace: "istio-system",
    authorizationPolicies: policies,
    workloads: [
      workload("productpage-v1", "productpage"),
      workload("reviews-v1", "reviews"),
      workload("reviews-v2", "reviews", "v2"),
      workload("ratings-v1", "ratings"),
    ],
  };
  const d: ReplayDeps = {
    loadInventory: async () => inventory,
    queryVector: async (promql) => {
      queries.push(promql);
      return samples;
    },
  };
  return { deps: d, queries };
}

const form = (fields: Record<string, unknown>) =>
  authorizationPolicyFormSchema.parse({ namespace: "bookinfo", name: "reviews-viewer", action: "ALLOW", ...fields });

const onlyProductpage = buildAuthorizationPolicy(
  form({ selector: { app: "reviews" }, principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"] }),
);

const summary = (callers: Awaited<ReturnType<typeof replayAuthorization>>["callers"]) =>
  callers.map((c) => [c.source.workload, c.destination.workload, c.after.decision, c.requestsPerSecond]);

describe("replayAuthorization", () => {
  it("ALLOW only productpage to reviews: lists the callers it would deny, with their rates, before the ones it allows", async () => {
    const { deps: d, queries } = deps();
    const replay = await replayAuthorization(d, onlyProductpage, 600);
    expect(queries[0]).toContain('reporter="destination"');
    expect(queries[0]).toContain('destination_workload_namespace="bookinfo"');
    expect(queries[0]).toContain("[600s]");
    expect(summary(replay.callers)).toEqual([
      ["fortio", "reviews-v1", "deny", 0.75],
      ["legacy", "reviews-v2", "deny", 0.2],
      ["productpage-v1", "reviews-v1", "allow", 2.5],
    ]);
    expect(replay.callers.every((c) => c.before.decision === "allow")).toBe(true);
    expect(replay.workloads.map((w) => w.name).sort()).toEqual(["reviews-v1", "reviews-v2"]);
    expect(replay.policyYaml).toContain("cluster.local/ns/bookinfo/sa/bookinfo-productpage");
  });

  it("a plaintext caller is judged with no principal even if a label carries one", async () => {
    const sample = call("legacy", "legacy", "legacy", "reviews-v1", 1);
    sample.labels.connection_security_policy = "none";
    const policy = buildAuthorizationPolicy(form({ principals: ["cluster.local/ns/legacy/sa/legacy"] }));
    const replay = await replayAuthorization(deps([], [sample]).deps, policy, 300);
    expect(replay.callers[0]!.source.principal).toBeNull();
    expect(replay.callers[0]!.after.decision).toBe("deny");
  });

  it("a live DENY keeps denying: the proposed ALLOW cannot override it", async () => {
    const denyTools: AuthorizationPolicy = {
      apiVersion: "security.istio.io/v1",
      kind: "AuthorizationPolicy",
      metadata: { name: "deny-tools", namespace: "bookinfo" },
      spec: { action: "DENY", rules: [{ from: [{ source: { namespaces: ["tools"] } }] }] },
    };
    const allowAll = buildAuthorizationPolicy(form({ selector: { app: "reviews" } }));
    const replay = await replayAuthorization(deps([denyTools]).deps, allowAll, 300);
    const fortio = replay.callers.find((c) => c.source.workload === "fortio")!;
    expect(fortio.before.decision).toBe("deny");
    expect(fortio.after).toMatchObject({ decision: "deny", policy: "bookinfo/deny-tools" });
  });

  it("`spec: {}` in the namespace denies every observed caller of every workload", async () => {
    const denyAll = buildAuthorizationPolicy(form({ name: "deny-all", noRules: true }));
    expect(denyAll.spec).toEqual({ action: "ALLOW" });
    const replay = await replayAuthorization(deps().deps, denyAll, 300);
    expect(replay.callers).toHaveLength(4);
    expect(replay.callers.every((c) => c.after.decision === "deny")).toBe(true);
  });

  it("a policy in the root namespace is replayed against every namespace", async () => {
    const { deps: d, queries } = deps();
    const meshWide = buildAuthorizationPolicy({ ...form({ noRules: true }), namespace: "istio-system" });
    const replay = await replayAuthorization(d, meshWide, 300);
    expect(queries[0]).not.toContain("destination_workload_namespace=");
    expect(replay.callers).toHaveLength(4);
  });

  it("a rule on paths shows the callers its source lets through as undecidable", async () => {
    const getReviews = buildAuthorizationPolicy(
      form({
        selector: { app: "reviews" },
        principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"],
        paths: ["/reviews/*"],
      }),
    );
    const replay = await replayAuthorization(deps().deps, getReviews, 300);
    expect(summary(replay.callers).map(([w, , decision]) => [w, decision])).toEqual([
      ["fortio", "deny"],
      ["legacy", "deny"],
      ["productpage-v1", "undecidable"],
    ]);
  });
});

describe("generateAllowObserved", () => {
  it("for a workload: names each observed principal and denies nobody observed", async () => {
    const generated = await generateAllowObserved(deps().deps, { namespace: "bookinfo", workload: "reviews-v1" }, 600);
    expect(generated.policy).toMatchObject({
      name: "allow-observed-reviews-v1",
      selector: { app: "reviews", version: "v1" },
      principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage", "cluster.local/ns/tools/sa/fortio"],
      plaintextCallers: false,
    });
    expect(summary(generated.replay.callers).map(([w, d, decision]) => [w, d, decision])).toEqual([
      ["productpage-v1", "reviews-v1", "allow"],
      ["fortio", "reviews-v1", "allow"],
    ]);
  });

  it("for a namespace with a plaintext caller: lets plaintext in with a warning, so nobody observed is denied", async () => {
    const generated = await generateAllowObserved(deps().deps, { namespace: "bookinfo" }, 600);
    expect(generated.policy.plaintextCallers).toBe(true);
    expect(generated.warnings.join(" ")).toContain("legacy/legacy");
    expect(generated.replay.callers).toHaveLength(4);
    expect(generated.replay.callers.filter((c) => c.after.decision !== "allow")).toEqual([]);
  });

  it("with no caller observed: denies everything, and says so", async () => {
    const generated = await generateAllowObserved(
      deps([], []).deps,
      { namespace: "bookinfo", workload: "ratings-v1" },
      600,
    );
    expect(generated.policy.noRules).toBe(true);
    expect(buildAuthorizationPolicy(generated.policy).spec).toEqual({
      action: "ALLOW",
      selector: { matchLabels: { app: "ratings", version: "v1" } },
    });
    expect(generated.warnings[0]).toContain("denies every request");
  });

  it("refuses a namespace that does not exist, without asking Prometheus", async () => {
    const { deps: d, queries } = deps();
    await expect(generateAllowObserved(d, { namespace: "nope" }, 600)).rejects.toThrow(/Namespace "nope" not found/);
    await expect(replayAuthorization(d, buildAuthorizationPolicy(form({ namespace: "nope" })), 600)).rejects.toThrow(
      /not found/,
    );
    expect(queries).toEqual([]);
  });

  it("refuses a workload that does not exist", async () => {
    await expect(generateAllowObserved(deps().deps, { namespace: "bookinfo", workload: "nope" }, 600)).rejects.toThrow(
      /no workload nope/,
    );
  });
});
