import { describe, expect, it } from "vitest";
import type { EdgeObservations } from "@/lib/contracts/flag-explanation";
import { contextFrom } from "@/server/validation/test-support/fixtures";
import { explainFlags, type ExplainFlagsInput } from "./explain-flags";
import { finishExplanations, type AuditFact } from "./explain-flags-finish";
import type { FlagShare } from "./explain-flags-types";
import { CIRCUIT_BREAKER, HTTPBIN } from "./test-support/httpbin";

const REVIEWS = `
apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: bookinfo }
spec: { selector: { app: reviews }, ports: [{ port: 9080, name: http }] }
---
apiVersion: v1
kind: Pod
metadata: { name: reviews-v1, namespace: bookinfo, labels: { app: reviews, version: v1 } }
`;

const observed: EdgeObservations = { reporter: "source", requestRate: 360, meanDurationMs: 3.4, concurrency: 1.22 };

function explain(yaml: string, shares: FlagShare[], edge: Partial<ExplainFlagsInput> = {}) {
  return explainFlags({
    sourceNamespace: "httpbin",
    namespace: "httpbin",
    service: "httpbin",
    shares,
    observed,
    context: contextFrom(yaml),
    ...edge,
  });
}

const onReviews = { sourceNamespace: "bookinfo", namespace: "bookinfo", service: "reviews" };

describe("explainFlags", () => {
  describe("UO on the guide's circuit breaker (maxConnections 1, http1MaxPendingRequests 1)", () => {
    const [uo] = finishExplanations(
      explain(HTTPBIN + "---" + CIRCUIT_BREAKER, [
        { code: "200", flag: "-", percent: 63.5 },
        { code: "503", flag: "UO", percent: 36.5 },
      ]),
      new Map(),
    );

    it("explains only the error share, with its percentage", () => {
      expect(uo).toMatchObject({ flag: "UO", code: "503", percent: 36.5, explained: true });
    });

    it("names the DestinationRule's limits, each with its path and the line it is on in the editor", () => {
      expect(uo?.causes.map((c) => [c.kind, c.name, c.path, c.value, c.line])).toEqual([
        ["DestinationRule", "httpbin", "spec/trafficPolicy/connectionPool/tcp/maxConnections", "1", 11],
        ["DestinationRule", "httpbin", "spec/trafficPolicy/connectionPool/http/http1MaxPendingRequests", "1", 13],
      ]);
    });

    it("gives the observed concurrency by Little's law and compares it with the pool", () => {
      expect(uo?.figures).toEqual([
        {
          label: "Observed concurrency",
          value: "1.22 requests in flight (Little's law: 360 requests/s × 3.4 ms)",
        },
      ]);
      expect(uo?.because.join(" ")).toContain("at most 1 request through at once and 1 waits");
      expect(uo?.because.join(" ")).toContain("1.22 requests in flight on average");
    });
  });

  it("says a UO share is not explained by the config when no DestinationRule limits the pool", () => {
    const [uo] = explain(HTTPBIN, [{ code: "503", flag: "UO", percent: 10 }]);
    expect(uo).toMatchObject({ explained: false, causes: [] });
  });

  it("UH: blames the routed subset that selects no pod", () => {
    const yaml = `${REVIEWS}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: { host: reviews, subset: v3 }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec:
  host: reviews
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v3, labels: { version: v3 } }
`;
    const [uh] = explain(yaml, [{ code: "503", flag: "UH", percent: 100 }], onReviews);
    expect(uh?.explained).toBe(true);
    expect(uh?.causes.map((c) => [c.object.kind, c.path, c.value])).toEqual([
      ["DestinationRule", "spec/subsets[1]/labels", "version=v3"],
    ]);
  });

  it("NC: blames the route's destination whose subset no DestinationRule defines", () => {
    const yaml = `${REVIEWS}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: { host: reviews, subset: v1 }
      weight: 50
    - destination: { host: reviews, subset: v9 }
      weight: 50
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec: { host: reviews, subsets: [{ name: v1, labels: { version: v1 } }] }
`;
    const [nc] = explain(yaml, [{ code: "503", flag: "NC", percent: 50 }], onReviews);
    expect(nc?.causes.map((c) => [c.object.kind, c.path, c.value])).toEqual([
      ["VirtualService", "spec/http[0]/route[1]/destination/subset", "v9"],
    ]);
  });

  it("NR: blames a VirtualService whose every rule has a match condition", () => {
    const yaml = `${REVIEWS}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - match: [{ headers: { end-user: { exact: jason } } }]
    route: [{ destination: { host: reviews } }]
`;
    const [nr] = explain(yaml, [{ code: "404", flag: "NR", percent: 80 }], onReviews);
    expect(nr).toMatchObject({ explained: true });
    expect(nr?.causes.map((c) => c.path)).toEqual(["spec/http[0]/match"]);
    expect(nr?.because[0]).toContain("no catch-all rule");
  });

  it("NR is not blamed on a VirtualService that ends with a catch-all", () => {
    const yaml = `${REVIEWS}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { hosts: [reviews], http: [{ route: [{ destination: { host: reviews } }] }] }
`;
    const [nr] = explain(yaml, [{ code: "404", flag: "NR", percent: 1 }], onReviews);
    expect(nr).toMatchObject({ explained: false, causes: [] });
  });

  const TIMEOUT = `${REVIEWS}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - route: [{ destination: { host: reviews } }]
    timeout: 0.5s
    retries: { attempts: 3, retryOn: 5xx }
`;

  it("UT: names the route's timeout and says the callee's p99 is longer", () => {
    const [ut] = explain(TIMEOUT, [{ code: "504", flag: "UT", percent: 30 }], {
      ...onReviews,
      observed: { ...observed, calleeP99Ms: 2000 },
    });
    expect(ut?.causes.map((c) => [c.path, c.value])).toEqual([["spec/http[0]/timeout", "0.5s"]]);
    expect(ut?.figures).toEqual([{ label: "reviews's own p99", value: "2.00 s" }]);
    expect(ut?.because.join(" ")).toContain("longer than 500 ms: its slowest requests are cut off");
  });

  it("URX: names the route's retries and the failures being retried", () => {
    const [urx] = explain(
      TIMEOUT,
      [
        { code: "503", flag: "URX,UF", percent: 5 },
        { code: "503", flag: "UF", percent: 2 },
      ],
      onReviews,
    ).filter((e) => e.flag === "URX");
    expect(urx?.causes.map((c) => [c.path, c.value])).toEqual([["spec/http[0]/retries", "attempts 3"]]);
    expect(urx?.because.join(" ")).toContain("503 UF");
  });

  const ABORT = `${REVIEWS}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - match: [{ headers: { end-user: { exact: jason } } }]
    fault: { abort: { httpStatus: 500, percentage: { value: 100 } } }
    route: [{ destination: { host: reviews } }]
  - route: [{ destination: { host: reviews } }]
`;

  it("FI: names the abort and who added it, from the audit log", () => {
    const [vs] = contextFrom(ABORT).virtualServices;
    const withoutFault = { ...vs, spec: { ...vs?.spec, http: [{ route: [{ destination: { host: "reviews" } }] }] } };
    const entries: AuditFact[] = [
      {
        id: "a2",
        actor: "alice",
        source: "external",
        createdAt: new Date("2026-03-01T14:02:00Z"),
        kind: "VirtualService",
        namespace: "bookinfo",
        name: "reviews",
        before: withoutFault,
        after: vs as unknown as Record<string, unknown>,
      },
    ];
    const [fi] = finishExplanations(
      explain(ABORT, [{ code: "500", flag: "FI", percent: 20 }], onReviews),
      new Map([["VirtualService/bookinfo/reviews", entries]]),
    );
    expect(fi?.causes).toEqual([
      {
        kind: "VirtualService",
        namespace: "bookinfo",
        name: "reviews",
        path: "spec/http[0]/fault/abort",
        value: "500 for 100% of requests",
        line: expect.any(Number),
        change: { auditId: "a2", actor: "alice", source: "external", at: "2026-03-01T14:02:00.000Z" },
      },
    ]);
  });

  it("DI: names the delay of the route", () => {
    const yaml = ABORT.replace(
      "abort: { httpStatus: 500, percentage: { value: 100 } }",
      "delay: { fixedDelay: 7s, percentage: { value: 100 } }",
    );
    const [di] = explain(yaml, [{ code: "200", flag: "DI", percent: 10 }], onReviews);
    expect(di?.causes.map((c) => [c.path, c.value])).toEqual([["spec/http[0]/fault/delay", "7s for 100% of requests"]]);
  });

  it("UF: blames plain text sent by a DestinationRule to pods a STRICT PeerAuthentication guards", () => {
    const yaml = `${REVIEWS}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec: { host: reviews, trafficPolicy: { tls: { mode: DISABLE } } }
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: bookinfo }
spec: { mtls: { mode: STRICT } }
`;
    const [uf] = explain(yaml, [{ code: "503", flag: "UF", percent: 100 }], onReviews);
    expect(uf?.causes.map((c) => [c.object.kind, c.path, c.value])).toEqual([
      ["DestinationRule", "spec/trafficPolicy/tls/mode", "DISABLE"],
      ["PeerAuthentication", "spec/mtls/mode", "STRICT"],
    ]);
  });

  it("403 without a flag: names the DENY policy on the callee's pods, not another namespace's", () => {
    const yaml = `${REVIEWS}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-get, namespace: bookinfo }
spec:
  selector: { matchLabels: { app: reviews } }
  action: DENY
  rules: [{ to: [{ operation: { methods: [GET] } }] }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: elsewhere, namespace: other }
spec: { action: DENY, rules: [{}] }
`;
    const [denied] = explain(yaml, [{ code: "403", flag: "-", percent: 100 }], onReviews);
    expect(denied?.meaning).toContain("authorization policy");
    expect(denied?.causes.map((c) => [c.object.metadata.name, c.path])).toEqual([["deny-get", "spec/rules"]]);
  });

  it("leaves successful shares without a flag out, and keeps an app's own 5xx with no config cause", () => {
    const out = explain(HTTPBIN, [
      { code: "200", flag: "-", percent: 90 },
      { code: "503", flag: "-", percent: 10 },
    ]);
    expect(out.map((e) => [e.code, e.flag, e.explained])).toEqual([["503", "-", false]]);
  });
});
