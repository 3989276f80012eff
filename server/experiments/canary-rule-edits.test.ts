import { describe, expect, it } from "vitest";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import {
  describeRule,
  readCanaryWeight,
  recordOwnedRule,
  restoreCanaryRule,
  setCanaryWeights,
  type CanaryEdit,
  type CanaryTarget,
} from "./canary-rule-edits";
import type { OwnedRule } from "./machine-types";

const target: CanaryTarget = { namespace: "bookinfo", service: "reviews", from: "v1", to: "v3" };
const vs = (spec: Record<string, unknown>, name = "reviews"): StoredIstioObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name, namespace: "bookinfo", resourceVersion: "7" },
  spec,
});
const http = (o: StoredIstioObject | undefined) => (o?.spec as { http: Record<string, unknown>[] }).http;

/** A pin rule for testers (to B, as a team does before a canary) above the catch-all to A. */
const pin = {
  name: "testers",
  match: [{ headers: { "end-user": { exact: "jason" } } }],
  route: [{ destination: { host: "reviews", subset: "v3" } }],
  timeout: "5s",
};
const catchAll = {
  timeout: "3s",
  retries: { attempts: 1 },
  route: [
    {
      destination: { host: "reviews", subset: "v1", port: { number: 9080 } },
      headers: { request: { set: { "x-tier": "gold" } } },
    },
  ],
};
const pinned = () =>
  vs({ hosts: ["reviews"], exportTo: ["."], http: [structuredClone(pin), structuredClone(catchAll)] });

function owned(live: StoredIstioObject | undefined, t: CanaryTarget = target): OwnedRule {
  const recorded = recordOwnedRule(live, t);
  if (!recorded.ok) throw new Error(recorded.problem);
  return recorded.owned;
}

function written(edit: CanaryEdit): StoredIstioObject {
  if (edit.kind !== "write") throw new Error(`expected a write, got ${JSON.stringify(edit)}`);
  return edit.desired;
}

describe("the rule a canary owns", () => {
  it("shifts only the catch-all and leaves a header pin to B, other fields and other hosts alone", () => {
    const live = pinned();
    const step = written(setCanaryWeights(live, target, owned(live), 10, "c1"));
    expect(http(step)[0]).toEqual(pin);
    expect(http(step)[1]).toEqual({
      timeout: "3s",
      retries: { attempts: 1 },
      route: [
        {
          destination: { host: "reviews", subset: "v1", port: { number: 9080 } },
          headers: { request: { set: { "x-tier": "gold" } } },
          weight: 90,
        },
        {
          destination: { host: "reviews", subset: "v3", port: { number: 9080 } },
          headers: { request: { set: { "x-tier": "gold" } } },
          weight: 10,
        },
      ],
    });
    expect((step.spec as { exportTo: string[] }).exportTo).toEqual(["."]);
    expect(step.metadata.resourceVersion).toBe("7");
    expect(readCanaryWeight(step, target)).toBe(10);
  });

  it("shifts the rule the spec names, and nothing else", () => {
    const live = vs({
      hosts: ["reviews"],
      http: [
        {
          name: "beta",
          match: [{ uri: { prefix: "/beta" } }],
          route: [{ destination: { host: "reviews", subset: "v1" } }],
        },
        { route: [{ destination: { host: "reviews", subset: "v2" } }] },
      ],
    });
    const named = { ...target, rule: "beta" };
    const step = written(setCanaryWeights(live, named, owned(live, named), 50, "c1"));
    expect(http(step)[1]).toEqual(http(live)[1]);
    expect(readCanaryWeight(step, named)).toBe(50);
  });

  it("puts the rule back exactly as it was on restore — an 80/20 split stays 80/20, not 100% A", () => {
    const split = {
      route: [
        { destination: { host: "reviews", subset: "v1" }, weight: 80 },
        { destination: { host: "reviews", subset: "v3" }, weight: 20 },
      ],
      timeout: "2s",
    };
    const live = vs({ hosts: ["reviews"], http: [structuredClone(pin), structuredClone(split)] });
    const own = owned(live);
    const promoted = written(setCanaryWeights(live, target, own, 100, "c1"));
    expect(readCanaryWeight(promoted, target)).toBe(100);
    const restored = written(restoreCanaryRule(promoted, target, own, "c1"));
    expect(restored.spec).toEqual(live.spec);
    expect(describeRule(own.original, target)).toBe("v1 80% / v3 20%");
  });

  it("gives the same object when an action runs twice (a re-run after a crash)", () => {
    const live = pinned();
    const own = owned(live);
    const once = written(setCanaryWeights(live, target, own, 50, "c1"));
    expect(written(setCanaryWeights(once, target, own, 50, "c1"))).toEqual(once);
    const restored = written(restoreCanaryRule(once, target, own, "c1"));
    expect(written(restoreCanaryRule(restored, target, own, "c1"))).toEqual(restored);
  });

  it("creates the smallest VirtualService when there is none, and deletes it again on restore", () => {
    const own = owned(undefined);
    const created = written(setCanaryWeights(undefined, target, own, 10, "c1"));
    expect(created.spec).toEqual({
      hosts: ["reviews"],
      http: [
        {
          route: [
            { destination: { host: "reviews", subset: "v1" }, weight: 90 },
            { destination: { host: "reviews", subset: "v3" }, weight: 10 },
          ],
        },
      ],
    });
    expect(created.metadata.annotations).toEqual({ "topsail.io/created-by-experiment": "c1" });
    expect(written(setCanaryWeights(created, target, own, 10, "c1"))).toEqual(created);
    expect(restoreCanaryRule(created, target, own, "c1")).toEqual({ kind: "delete" });
    expect(restoreCanaryRule(undefined, target, own, "c1").kind).toBe("none");
  });

  it("keeps a VirtualService it created when someone added a rule, with its rule back to the service without subsets", () => {
    const own = owned(undefined);
    const created = written(setCanaryWeights(undefined, target, own, 50, "c1"));
    const edited = structuredClone(created);
    http(edited).unshift(structuredClone(pin));
    const kept = written(restoreCanaryRule(edited, target, own, "c1"));
    expect(kept.spec).toEqual({ hosts: ["reviews"], http: [pin, { route: [{ destination: { host: "reviews" } }] }] });
    expect(kept.metadata.annotations).toEqual({});
  });

  it("refuses to write when the VirtualService it created was replaced by someone else's", () => {
    const own = owned(undefined);
    expect(setCanaryWeights(pinned(), target, own, 10, "c1").kind).toBe("refused");
    expect(restoreCanaryRule(pinned(), target, own, "c1").kind).toBe("none");
  });
});

describe("a canary that cannot own a rule is refused, saying what to do", () => {
  const refused = (live: StoredIstioObject | undefined, t: CanaryTarget = target) => {
    const recorded = recordOwnedRule(live, t);
    return recorded.ok ? "accepted" : recorded.problem;
  };

  it("a named rule that does not exist", () => {
    expect(refused(pinned(), { ...target, rule: "stable" })).toMatch(
      /has no HTTP route named "stable" \(its routes: "testers", \(unnamed\)\); give the name of the rule/,
    );
    expect(refused(undefined, { ...target, rule: "stable" })).toMatch(
      /No VirtualService routes reviews.*leave out `rule`/,
    );
  });

  it("no catch-all rule", () => {
    expect(refused(vs({ hosts: ["reviews"], http: [pin] }))).toMatch(
      /has no catch-all rule .*name the rule it should shift with `rule`/,
    );
  });

  it("a rule that routes to other subsets or hosts too, or nowhere", () => {
    const threeWays = vs({
      hosts: ["reviews"],
      http: [
        {
          route: [
            { destination: { host: "reviews", subset: "v1" }, weight: 50 },
            { destination: { host: "reviews", subset: "v2" }, weight: 50 },
          ],
        },
      ],
    });
    expect(refused(threeWays)).toMatch(
      /the catch-all rule of VirtualService bookinfo\/reviews also routes reviews to subset v2; a canary shifts only a rule that routes reviews to v1 and\/or v3/,
    );
    const elsewhere = vs({ hosts: ["reviews"], http: [{ route: [{ destination: { host: "ratings" } }] }] });
    expect(refused(elsewhere)).toMatch(/also routes to ratings/);
    const redirect = vs({ hosts: ["reviews"], http: [{ redirect: { uri: "/v2" } }] });
    expect(refused(redirect)).toMatch(/does not route reviews to a destination \(it redirects\)/);
    expect(refused(pinned(), { ...target, to: "v2", rule: "testers" })).toMatch(
      /rule "testers" .* also routes reviews to subset v3/,
    );
  });

  it("accepts a catch-all without subsets, which becomes A and B", () => {
    const live = vs({
      hosts: ["reviews"],
      http: [{ route: [{ destination: { host: "reviews.bookinfo.svc.cluster.local" } }] }],
    });
    const step = written(setCanaryWeights(live, target, owned(live), 20, "c1"));
    expect(http(step)[0]).toEqual({
      route: [
        { destination: { host: "reviews.bookinfo.svc.cluster.local", subset: "v1" }, weight: 80 },
        { destination: { host: "reviews.bookinfo.svc.cluster.local", subset: "v3" }, weight: 20 },
      ],
    });
  });
});
