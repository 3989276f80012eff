/**
 * Test support: Bookinfo as Istio's samples and the routing guides write it, hand-written once.
 * Each test suite renders it into the form its code reads: plain cluster objects for the routing
 * evaluator and the request explainer (./bookinfo-objects.ts), YAML for a validation context in
 * the budget analysis (server/diagnosis/test-support/bookinfo.ts).
 */

/** The four Services of `samples/bookinfo/platform/kube/bookinfo.yaml`, each on port 9080 (`http`). */
export const BOOKINFO_SERVICES = ["productpage", "details", "reviews", "ratings"] as const;

/** Its six Deployments, `<app>-<version>`, each running pods labelled with its app and version. */
export const BOOKINFO_WORKLOADS: readonly (readonly [app: string, version: string])[] = [
  ["productpage", "v1"],
  ["details", "v1"],
  ["reviews", "v1"],
  ["reviews", "v2"],
  ["reviews", "v3"],
  ["ratings", "v1"],
];

/** The service account bookinfo.yaml gives an app's pods. */
export const bookinfoServiceAccount = (app: string) => `bookinfo-${app}`;

/** `bookinfo-gateway.yaml`: the ingress gateway's server, and a VirtualService sending the app's paths on. */
export const BOOKINFO_GATEWAY = `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: bookinfo-gateway, namespace: bookinfo }
spec:
  selector: { istio: ingressgateway }
  servers: [{ port: { number: 8080, name: http, protocol: HTTP }, hosts: ["*"] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: bookinfo, namespace: bookinfo }
spec:
  hosts: ["*"]
  gateways: [bookinfo-gateway]
  http:
    - match: [{ uri: { exact: /productpage } }, { uri: { prefix: /static } }, { uri: { exact: /login } }]
      route: [{ destination: { host: productpage, port: { number: 9080 } } }]
`;

const destinationRule = (host: string, versions: string[]) => `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ${host}, namespace: bookinfo }
spec:
  host: ${host}
  subsets: [${versions.map((v) => `{ name: ${v}, labels: { version: ${v} } }`).join(", ")}]
`;

/** `destination-rule-all.yaml`: a subset per deployed version, as the guides apply it before any routing task. */
export const DESTINATION_RULE_ALL = [
  destinationRule("productpage", ["v1"]),
  destinationRule("reviews", ["v1", "v2", "v3"]),
  destinationRule("ratings", ["v1"]),
  destinationRule("details", ["v1"]),
].join("---");

/**
 * The VirtualService for `host` in bookinfo, named after it as the guides name theirs, with the
 * given `http:` rules (YAML list items, indented under `http:`).
 */
export const bookinfoVirtualService = (host: string, http: string) => `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ${host}, namespace: bookinfo }
spec:
  hosts: [${host}]
  http:
${http}`;

/** `virtual-service-reviews-test-v2.yaml`: jason → reviews v2, everyone else → v1. */
export const REVIEWS_TEST_V2 = bookinfoVirtualService(
  "reviews",
  `    - match: [{ headers: { end-user: { exact: jason } } }]
      route: [{ destination: { host: reviews, subset: v2 } }]
    - route: [{ destination: { host: reviews, subset: v1 } }]
`,
);

/** `virtual-service-ratings-test-delay.yaml`: a 7 s delay on every call to ratings for jason. */
export const RATINGS_TEST_DELAY = bookinfoVirtualService(
  "ratings",
  `    - match: [{ headers: { end-user: { exact: jason } } }]
      fault: { delay: { percentage: { value: 100.0 }, fixedDelay: 7s } }
      route: [{ destination: { host: ratings, subset: v1 } }]
    - route: [{ destination: { host: ratings, subset: v1 } }]
`,
);

/** The "Fault Injection" task: jason → reviews v2, and a 7 s delay on ratings for him. */
export const FAULT_INJECTION_TASK = `${REVIEWS_TEST_V2}---${RATINGS_TEST_DELAY}`;

/**
 * The routing the acceptance of issue 22 names: jason → reviews v2, everyone else 50/50 between
 * v1 and v3 (`virtual-service-reviews-50-v3.yaml` below a `test-v2` rule), and the Fault
 * Injection task's 7 s delay on ratings for jason.
 */
export const JASON_V2_SPLIT_AND_DELAY = `${bookinfoVirtualService(
  "reviews",
  `    - match: [{ headers: { end-user: { exact: jason } } }]
      route: [{ destination: { host: reviews, subset: v2 } }]
    - route:
        - { destination: { host: reviews, subset: v1 }, weight: 50 }
        - { destination: { host: reviews, subset: v3 }, weight: 50 }
`,
)}---${RATINGS_TEST_DELAY}`;

/** The "Request Timeouts" task: reviews → v2 with a 0.5 s timeout, a 2 s delay on every call to ratings. */
export const REQUEST_TIMEOUTS_TASK = `${bookinfoVirtualService(
  "reviews",
  `    - route: [{ destination: { host: reviews, subset: v2 } }]
      timeout: 0.5s
`,
)}---${bookinfoVirtualService(
  "ratings",
  `    - fault: { delay: { percentage: { value: 100 }, fixedDelay: 2s } }
      route: [{ destination: { host: ratings, subset: v1 } }]
`,
)}`;
