import { describe, expect, it } from "vitest";
import { faultSpecSchema, type FaultSpec } from "@/lib/contracts/experiments";
import type { HTTPRoute } from "@/lib/istio/types";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import { hasExperimentRule, insertFaultRules, removeFaultRules } from "./fault-rule-edits";

const fault = (overrides: Record<string, unknown> = {}): FaultSpec =>
  faultSpecSchema.parse({
    kind: "fault",
    namespace: "bookinfo",
    service: "reviews",
    abort: { httpStatus: 503, percent: 50 },
    durationSeconds: 30,
    hypothesis: { service: "reviews", minSuccessRate: 99 },
    ...overrides,
  });
const abort = { abort: { httpStatus: 503, percentage: { value: 50 } } };
const jasonMatch = [{ headers: { "end-user": { exact: "jason" } } }];
const vs = (http: HTTPRoute[], name = "reviews"): StoredIstioObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name, namespace: "bookinfo", resourceVersion: "7" },
  spec: { hosts: [name], http } as Record<string, unknown>,
});
const httpOf = (o: StoredIstioObject | null | undefined) => (o?.spec as { http: HTTPRoute[] }).http;
const refusal = (f: () => unknown): TopsailError => {
  try {
    f();
  } catch (error) {
    if (error instanceof TopsailError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
};

// Bookinfo's reviews-test-v2, with the policies a user adds to it.
const jasonRule: HTTPRoute = {
  name: "jason",
  match: jasonMatch,
  route: [{ destination: { host: "reviews", subset: "v2" } }],
  retries: { attempts: 3, retryOn: "5xx" },
  timeout: "1s",
  headers: { request: { set: { "x-tier": "gold" } } },
};
const defaultRule: HTTPRoute = {
  route: [{ destination: { host: "reviews", subset: "v1" } }],
  timeout: "2s",
  mirror: { host: "reviews", subset: "v3" },
  mirrorPercentage: { value: 10 },
  rewrite: { uri: "/v1" },
  corsPolicy: { allowOrigins: [{ exact: "https://example.com" }] },
};
const reviewsTestV2 = vs([jasonRule, defaultRule]);

describe("a fault goes into copies of the rules the scoped traffic would hit", () => {
  it("with an empty match, copies every rule with all its fields, each just before its rule", () => {
    const inserted = insertFaultRules(reviewsTestV2, fault(), "f1");
    const { name: _n, ...defaultFields } = defaultRule;
    expect(httpOf(inserted.desired)).toEqual([
      { ...jasonRule, name: "topsail-experiment-f1-1", fault: abort },
      jasonRule,
      { name: "topsail-experiment-f1-2", ...defaultFields, fault: abort },
      defaultRule,
    ]);
    expect(inserted).toMatchObject({
      created: false,
      copied: ['rule 1 ("jason")', "rule 2"],
      replacedFaults: [],
      neverMatching: [],
    });
    expect(inserted.desired.metadata.resourceVersion).toBe("7");
  });

  it("with a header match, ANDs it into each rule's match", () => {
    const http = httpOf(
      insertFaultRules(reviewsTestV2, fault({ match: [{ header: "end-user", value: "jason" }] }), "f1").desired,
    );
    expect(http.map((r) => [r.name, r.match])).toEqual([
      ["topsail-experiment-f1-1", jasonMatch],
      ["jason", jasonMatch],
      ["topsail-experiment-f1-2", jasonMatch],
      [undefined, undefined],
    ]);
  });

  it("gives no copy to a rule the scope can never hit", () => {
    const inserted = insertFaultRules(reviewsTestV2, fault({ match: [{ header: "end-user", value: "bob" }] }), "f1");
    expect(httpOf(inserted.desired).map((r) => r.name)).toEqual(["jason", "topsail-experiment-f1-2", undefined]);
    expect(inserted.neverMatching).toEqual(['rule 1 ("jason")']);
  });

  it("replaces a rule's own fault in its copy (ratings-test-delay) and says so", () => {
    const delayRule: HTTPRoute = {
      match: jasonMatch,
      fault: { delay: { fixedDelay: "7s", percentage: { value: 100 } } },
      route: [{ destination: { host: "ratings", subset: "v1" } }],
    };
    const ratings = vs([delayRule, { route: [{ destination: { host: "ratings", subset: "v1" } }] }], "ratings");
    const inserted = insertFaultRules(
      ratings,
      fault({
        service: "ratings",
        hypothesis: { service: "ratings", minSuccessRate: 99 },
        match: [{ header: "end-user", value: "jason" }],
      }),
      "f1",
    );
    expect(httpOf(inserted.desired)[0]).toEqual({
      name: "topsail-experiment-f1-1",
      match: jasonMatch,
      route: delayRule.route,
      fault: abort,
    });
    expect(httpOf(inserted.desired)[1]).toEqual(delayRule);
    expect(inserted.replacedFaults).toEqual(["rule 1"]);
  });

  it("routes the copies to the spec's subset, and gives no copy to a rule the proxy answers itself (Istio allows no fault there)", () => {
    const health: HTTPRoute = { match: [{ uri: { exact: "/health" } }], directResponse: { status: 200 } };
    const moved: HTTPRoute = { match: [{ uri: { prefix: "/old" } }], redirect: { uri: "/new" } };
    const inserted = insertFaultRules(vs([health, moved, defaultRule]), fault({ subset: "v3" }), "f1");
    const http = httpOf(inserted.desired);
    expect(http.slice(0, 2)).toEqual([health, moved]);
    expect(http[2]).toMatchObject({
      name: "topsail-experiment-f1-3",
      route: [{ destination: { host: "reviews", subset: "v3" } }],
      timeout: "2s",
      mirror: { host: "reviews", subset: "v3" },
    });
    expect(http[3]).toEqual(defaultRule);
    expect(inserted.answeredByProxy).toEqual(["rule 1", "rule 2"]);
  });

  it("is idempotent: injecting again replaces the copies instead of adding a second set", () => {
    const once = insertFaultRules(reviewsTestV2, fault(), "f1").desired;
    const twice = insertFaultRules(once, fault(), "f1").desired;
    expect(twice).toEqual(once);
  });

  it("creates the smallest VirtualService when there is none: the faulted copy of a default route, then that route", () => {
    const spec = fault({
      service: "ratings",
      subset: "v1",
      match: [{ header: "end-user", value: "jason" }],
      delay: { fixedDelayMs: 7000, percent: 100 },
      abort: undefined,
      hypothesis: { service: "productpage", scope: "outbound", minSuccessRate: 99 },
    });
    const inserted = insertFaultRules(undefined, spec, "f1");
    expect(inserted.created).toBe(true);
    expect(inserted.desired.metadata.annotations).toEqual({ "topsail.io/created-by-experiment": "f1" });
    expect(inserted.desired.spec).toEqual({
      hosts: ["ratings"],
      http: [
        {
          name: "topsail-experiment-f1-1",
          match: jasonMatch,
          route: [{ destination: { host: "ratings", subset: "v1" } }],
          fault: { delay: { fixedDelay: "7s", percentage: { value: 100 } } },
        },
        { route: [{ destination: { host: "ratings" } }] },
      ],
    });
    // Injecting again (the runner retries a write it could not record) still knows it created the object.
    expect(insertFaultRules(inserted.desired, spec, "f1")).toMatchObject({
      created: true,
      createdRest: inserted.createdRest,
    });
    expect(removeFaultRules(inserted.desired, "f1", inserted.createdRest)).toBeNull();
  });
});

describe("refusals, each saying which rule and what to change", () => {
  it("refuses a rule whose match cannot be ANDed with the scope in one block", () => {
    const live = vs([
      {
        name: "testers",
        match: [{ headers: { "end-user": { regex: "test-.*" } } }],
        route: [{ destination: { host: "reviews", subset: "v2" } }],
      },
      defaultRule,
    ]);
    const error = refusal(() =>
      insertFaultRules(live, fault({ match: [{ header: "end-user", op: "prefix", value: "test-a" }] }), "f1"),
    );
    expect(error.code).toBe("bad_request");
    expect(error.message).toContain(
      'VirtualService bookinfo/reviews rule 1 ("testers") matches headers.end-user by regex "test-.*" and the experiment by prefix "test-a"',
    );
    expect(error.message).toContain("drop end-user from the experiment's match");
  });

  it("refuses a rule that delegates", () => {
    const live = vs([
      { match: [{ uri: { prefix: "/v2" } }], delegate: { name: "reviews-v2", namespace: "bookinfo" } },
      defaultRule,
    ]);
    const error = refusal(() => insertFaultRules(live, fault(), "f1"));
    expect(error.message).toMatch(/rule 1 delegates to VirtualService bookinfo\/reviews-v2/);
  });

  it("refuses a fault no rule would ever deliver", () => {
    const live = vs([jasonRule]);
    expect(
      refusal(() => insertFaultRules(live, fault({ match: [{ header: "end-user", value: "bob" }] }), "f1")).message,
    ).toMatch(/would reach no request .*the match of rule 1 \("jason"\) excludes the requests in scope/);
  });

  it("refuses a fault only direct responses would see", () => {
    const live = vs([{ directResponse: { status: 503 } }]);
    expect(refusal(() => insertFaultRules(live, fault(), "f1")).message).toMatch(
      /would reach no request .*rule 1 redirects or answers directly \(Istio allows no fault there\)/,
    );
  });

  it("refuses an experiment match that asks for two values of one header", () => {
    const spec = fault({
      match: [
        { header: "end-user", value: "jason" },
        { header: "end-user", value: "bob" },
      ],
    });
    expect(refusal(() => insertFaultRules(reviewsTestV2, spec, "f1")).message).toMatch(
      /header end-user exact "jason" and exact "bob": no request has both/,
    );
  });
});

describe("the revert", () => {
  it("gives back exactly the spec from before, and has nothing left to do the second time", () => {
    const inserted = insertFaultRules(reviewsTestV2, fault(), "f1");
    const reverted = removeFaultRules(inserted.desired, "f1");
    expect(reverted?.spec).toEqual(reviewsTestV2.spec);
    expect(removeFaultRules(reverted!, "f1")).toBeUndefined();
    expect(removeFaultRules(undefined, "f1")).toBeUndefined();
  });

  it("removes the copies from the live object, so an edit made meanwhile stays", () => {
    const edited = structuredClone(insertFaultRules(reviewsTestV2, fault(), "f1").desired);
    httpOf(edited)[1]!.timeout = "5s";
    const reverted = removeFaultRules(edited, "f1");
    expect(httpOf(reverted)).toEqual([{ ...jasonRule, timeout: "5s" }, defaultRule]);
    expect(reverted?.metadata.resourceVersion).toBe("7");
  });

  it("removes an older experiment's single rule too, and nothing of another experiment's", () => {
    const live = vs([
      { name: "topsail-experiment-f1", route: [] },
      { name: "topsail-experiment-f10-1", route: [] },
      defaultRule,
    ]);
    expect(hasExperimentRule(live, "f1")).toBe(true);
    expect(httpOf(removeFaultRules(live, "f1")).map((r) => r.name)).toEqual(["topsail-experiment-f10-1", undefined]);
  });

  it("keeps a VirtualService it created when someone added to it, without the creation mark", () => {
    const spec = fault({ service: "ratings", hypothesis: { service: "productpage", minSuccessRate: 99 } });
    const inserted = insertFaultRules(undefined, spec, "f1");
    const edited = structuredClone(inserted.desired);
    httpOf(edited)[1]!.timeout = "2s";
    const kept = removeFaultRules(edited, "f1", inserted.createdRest);
    expect(kept?.spec).toEqual({
      hosts: ["ratings"],
      http: [{ timeout: "2s", route: [{ destination: { host: "ratings" } }] }],
    });
    expect(kept?.metadata.annotations).toEqual({});
  });
});
