import { describe, expect, it } from "vitest";
import type { AuthorizationPolicy } from "@/lib/istio/types";
import type { PromSample } from "@/server/adapters/prometheus";
import { TopsailError } from "@/server/errors";
import { policyScope, readPolicyDetail, type PolicyDetailDeps } from "./policy-detail";
import type { SecurityInventory } from "./replay-authorization";

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

const policy = (name: string, namespace: string, spec: AuthorizationPolicy["spec"]): AuthorizationPolicy => ({
  apiVersion: "security.istio.io/v1",
  kind: "AuthorizationPolicy",
  metadata: { name, namespace },
  spec,
});

const onlyProductpage = policy("reviews-viewer", "bookinfo", {
  selector: { matchLabels: { app: "reviews" } },
  action: "ALLOW",
  rules: [{ from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"] } }] }],
});
const denyTools = policy("deny-tools", "istio-system", {
  action: "DENY",
  rules: [{ from: [{ source: { namespaces: ["tools"] } }] }],
});

function deps(samples: PromSample[] | Error): PolicyDetailDeps {
  const inventory: SecurityInventory = {
    namespaces: ["istio-system", "bookinfo", "tools"],
    rootNamespace: "istio-system",
    authorizationPolicies: [onlyProductpage, denyTools],
    workloads: [
      { namespace: "bookinfo", name: "reviews-v1", labels: { app: "reviews" } },
      { namespace: "bookinfo", name: "ratings-v1", labels: { app: "ratings" } },
    ],
  };
  return {
    loadInventory: async () => inventory,
    queryVector: async () => {
      if (samples instanceof Error) throw samples;
      return samples;
    },
    validate: async () => [{ code: "KIA0101", severity: "warning", message: "no workload", path: "spec/selector" }],
  };
}

const observed = [
  call("productpage-v1", "bookinfo", "bookinfo-productpage", "reviews-v1", 2.5),
  call("fortio", "tools", "fortio", "reviews-v1", 0.75),
  call("curl", "bookinfo", "curl", "reviews-v1", 0.5),
  call("reviews-v1", "bookinfo", "bookinfo-reviews", "ratings-v1", 1),
];

describe("an AuthorizationPolicy's detail", () => {
  it("says whom it applies to, its rules in words and its validations", async () => {
    const detail = await readPolicyDetail(deps(observed), { namespace: "bookinfo", name: "reviews-viewer" }, 600);
    expect(detail).toMatchObject({
      action: "ALLOW",
      scope: "Workloads labelled app=reviews in namespace bookinfo",
      meshWide: false,
      workloads: [{ namespace: "bookinfo", name: "reviews-v1" }],
      summary: "Allows requests that match any of its 1 rule.",
      rules: [{ from: ["principal is cluster.local/ns/bookinfo/sa/bookinfo-productpage"], to: [], when: [] }],
      checks: [{ code: "KIA0101" }],
    });
  });

  it("shows whom it allows and denies now, and which denials are its own", async () => {
    const { effect } = await readPolicyDetail(deps(observed), { namespace: "bookinfo", name: "reviews-viewer" }, 600);
    if ("problem" in effect) throw new Error(effect.problem);
    expect(
      effect.callers.map((c) => [c.source.workload, c.after.decision, c.before.decision, c.requestsPerSecond]),
    ).toEqual([
      // Denied by this policy: allowed without it.
      ["curl", "deny", "allow", 0.5],
      // Denied by the mesh-wide DENY whether or not this policy exists.
      ["fortio", "deny", "deny", 0.75],
      ["productpage-v1", "allow", "allow", 2.5],
    ]);
  });

  it("reads a mesh-wide policy as applying to every workload of the mesh", async () => {
    const detail = await readPolicyDetail(deps(observed), { namespace: "istio-system", name: "deny-tools" }, 600);
    expect(detail.scope).toBe("All workloads in the mesh");
    expect(detail.meshWide).toBe(true);
    expect(detail.workloads.map((w) => w.name)).toEqual(["reviews-v1", "ratings-v1"]);
    expect(policyScope(policy("x", "istio-system", { selector: { matchLabels: { app: "a" } } }), "istio-system")).toBe(
      "Workloads labelled app=a in every namespace of the mesh",
    );
  });

  it("keeps the page when Prometheus does not answer, saying why the effect is missing", async () => {
    const detail = await readPolicyDetail(
      deps(new Error("connection refused")),
      { namespace: "bookinfo", name: "reviews-viewer" },
      600,
    );
    expect(detail.effect).toEqual({
      windowSeconds: 600,
      problem: "The observed callers could not be read from Prometheus: connection refused",
    });
    expect(detail.rules).toHaveLength(1);
  });

  it("is not found once deleted", async () => {
    await expect(readPolicyDetail(deps(observed), { namespace: "bookinfo", name: "gone" }, 600)).rejects.toThrow(
      TopsailError,
    );
  });
});
