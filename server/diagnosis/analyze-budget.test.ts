import { describe, expect, it } from "vitest";
import type { TimeoutBudget } from "@/lib/contracts/budget";
import { contextFrom } from "@/server/validation/test-support/fixtures";
import { analyzeBudget } from "./analyze-budget";
import { FAULT_INJECTION_TASK, REQUEST_TIMEOUTS_TASK } from "@/lib/istio/routing/test-support/bookinfo-samples";
import { BOOKINFO_APP } from "./test-support/bookinfo";

const budgetOf = (...yaml: string[]) => analyzeBudget(contextFrom(yaml.join("\n---\n")), "bookinfo");

/** Every finding as `Kind/name code path`, for whole-list comparisons. */
const findings = (budget: TimeoutBudget) =>
  budget.validations.flatMap((v) => v.checks.map((c) => `${v.kind}/${v.name} ${c.code} ${c.path}`)).sort();

const checkAt = (budget: TimeoutBudget, name: string, path: string) =>
  budget.validations.find((v) => v.name === name)?.checks.find((c) => c.path === path);

const edge = (budget: TimeoutBudget, source: string, destination: string) =>
  budget.edges.find((e) => e.source.name === source && e.destination.name === destination);

describe("the timeout budget of Bookinfo, from config alone", () => {
  it("flags productpage's 3 s × 2 for reviews against reviews v2's 10 s for ratings, with no VirtualService at all", () => {
    const budget = budgetOf(BOOKINFO_APP);
    expect(findings(budget)).toEqual(["Workload/productpage-v1 TOP1101 client/reviews:9080/timeout"]);
    const check = checkAt(budget, "productpage-v1", "client/reviews:9080/timeout");
    expect(check?.severity).toBe("warning");
    expect(check?.message).toContain("productpage-v1 waits 3s per try for reviews (2 tries, 6s in all)");
    expect(check?.message).toContain("reviews may take 10s: reviews-v2 waits up to 10s for ratings (its own timeout)");
    expect(budget.clients.map((c) => c.workload.name).sort()).toEqual([
      "productpage-v1",
      "reviews-v1",
      "reviews-v2",
      "reviews-v3",
    ]);
  });

  it("counts productpage's two tries on reviews, and Istio's default retries as re-sending nothing over HTTP", () => {
    const budget = budgetOf(BOOKINFO_APP);
    expect(edge(budget, "productpage-v1", "reviews-v2")).toMatchObject({ tries: 2, worstCaseLoad: 2 });
    expect(edge(budget, "productpage-v1", "details-v1")).toMatchObject({ tries: 1, worstCaseLoad: 1, waitMs: 3000 });
    expect(edge(budget, "reviews-v2", "ratings-v1")).toMatchObject({
      tries: 1,
      worstCaseLoad: 2,
      waitMs: 10_000,
      bounded: true,
    });
    expect(edge(budget, "reviews-v1", "ratings-v1")).toBeUndefined();
  });

  it("says nothing about productpage once a ratings timeout keeps every reviews version under 3 s", () => {
    const budget = budgetOf(
      BOOKINFO_APP,
      `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ratings, namespace: bookinfo }
spec:
  hosts: [ratings]
  http: [{ route: [{ destination: { host: ratings } }], timeout: 1s }]
`,
    );
    expect(findings(budget)).toEqual([]);
    expect(edge(budget, "reviews-v2", "ratings-v1")).toMatchObject({ waitMs: 1000, bounded: true });
  });

  it("flags the Request Timeouts task's 0.5 s on reviews, which cuts off a reviews v2 that may wait for ratings", () => {
    const budget = budgetOf(BOOKINFO_APP, REQUEST_TIMEOUTS_TASK);
    expect(findings(budget)).toEqual(["VirtualService/reviews TOP1101 spec/http[0]/timeout"]);
    expect(checkAt(budget, "reviews", "spec/http[0]/timeout")?.message).toContain(
      "the timeout 500ms cuts reviews off, which may take 10s",
    );
    // productpage's own 3 s is no longer the problem: the route answers within 0.5 s.
    expect(edge(budget, "productpage-v1", "reviews-v2")).toMatchObject({ waitMs: 1000, bounded: true });
    expect(edge(budget, "productpage-v1", "reviews-v1")).toBeUndefined();
  });

  it("follows the Fault Injection task's header rule for jason as a possible route, and keeps flagging productpage", () => {
    const budget = budgetOf(BOOKINFO_APP, FAULT_INJECTION_TASK);
    // reviews v3, unrouted here but deployed, would give up on jason's ratings after 2.5 s.
    expect(findings(budget)).toEqual([
      "Workload/productpage-v1 TOP1101 client/reviews:9080/timeout",
      "Workload/reviews-v3 TOP1101 client/ratings:9080/timeout",
    ]);
    expect(checkAt(budget, "reviews-v3", "client/ratings:9080/timeout")?.message).toContain(
      "ratings may take 7s: the injected delay 7s of VirtualService ratings rule 0",
    );
    expect(
      budget.edges.filter((e) => e.source.name === "productpage-v1" && e.service.startsWith("reviews.")),
    ).toHaveLength(2);
    expect(edge(budget, "productpage-v1", "reviews-v2")?.route).toEqual({
      namespace: "bookinfo",
      name: "reviews",
      rule: 0,
    });
    expect(edge(budget, "productpage-v1", "reviews-v1")?.route).toEqual({
      namespace: "bookinfo",
      name: "reviews",
      rule: 1,
    });
  });
});

describe("retry amplification", () => {
  const ratingsRetrying5xx = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ratings, namespace: bookinfo }
spec:
  hosts: [ratings]
  http:
    - route: [{ destination: { host: ratings } }]
      retries: { attempts: 2, retryOn: 5xx }
`;

  it("multiplies productpage's 2 tries by a ratings route's 3 tries on 5xx: 6 calls to ratings, flagged on the route", () => {
    const budget = budgetOf(BOOKINFO_APP, ratingsRetrying5xx);
    expect(edge(budget, "reviews-v2", "ratings-v1")).toMatchObject({ tries: 3, worstCaseLoad: 6 });
    const check = checkAt(budget, "ratings", "spec/http[0]/retries");
    expect(check?.code).toBe("TOP1102");
    expect(check?.message).toContain("up to 6 requests reach ratings-v1 per request to productpage-v1");
  });

  it("does not count retries on connect-failure, which never re-send a request ratings took", () => {
    const budget = budgetOf(BOOKINFO_APP, ratingsRetrying5xx.replace("retryOn: 5xx", "retryOn: connect-failure"));
    expect(edge(budget, "reviews-v2", "ratings-v1")).toMatchObject({ tries: 1, worstCaseLoad: 2 });
    expect(findings(budget).filter((f) => f.includes("TOP1102") || f.includes("TOP1103"))).toEqual([]);
  });
});

describe("retries on routes that are not idempotent", () => {
  const retrying = (match: string) => `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: details, namespace: bookinfo }
spec:
  hosts: [details]
  http:
    - ${match}
      route: [{ destination: { host: details } }]
      retries: { attempts: 3, retryOn: "gateway-error,connect-failure" }
`;

  it("warns when a rule that retries on gateway errors matches POST", () => {
    const budget = budgetOf(BOOKINFO_APP, retrying("match: [{ method: { exact: POST } }]"));
    const check = checkAt(budget, "details", "spec/http[0]/retries/retryOn");
    expect(check).toMatchObject({ code: "TOP1103", severity: "warning" });
    expect(check?.message).toContain("gateway-error re-sends POST requests");
  });

  it("notes a rule that retries every method, and accepts one restricted to GET", () => {
    expect(
      checkAt(budgetOf(BOOKINFO_APP, retrying("name: all")), "details", "spec/http[0]/retries/retryOn"),
    ).toMatchObject({ code: "TOP1103", severity: "info" });
    const getOnly = budgetOf(BOOKINFO_APP, retrying("match: [{ method: { exact: GET } }]"));
    expect(findings(getOnly)).toEqual(["Workload/productpage-v1 TOP1101 client/reviews:9080/timeout"]);
  });
});
