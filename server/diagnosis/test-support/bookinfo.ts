/**
 * Bookinfo as `samples/bookinfo/platform/kube/bookinfo.yaml` deploys it (istio-facts §1) and
 * the guides' routing, as YAML a test hands to contextFrom (server/validation/test-support).
 * No Prometheus, no traffic: the budget is read from config and the samples' client table.
 */
const service = (name: string) => `
apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: bookinfo, labels: { app: ${name}, service: ${name} } }
spec: { selector: { app: ${name} }, ports: [{ port: 9080, name: http }] }
---`;

const deployment = (app: string, version: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${app}-${version}, namespace: bookinfo }
spec: { template: { metadata: { labels: { app: ${app}, version: ${version} } } } }
---`;

/** The four services, six deployments and `destination-rule-all.yaml`'s subsets. */
export const BOOKINFO_APP = [
  ...["productpage", "details", "reviews", "ratings"].map(service),
  deployment("productpage", "v1"),
  deployment("details", "v1"),
  deployment("reviews", "v1"),
  deployment("reviews", "v2"),
  deployment("reviews", "v3"),
  deployment("ratings", "v1"),
  `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec:
  host: reviews
  subsets: [{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }, { name: v3, labels: { version: v3 } }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ratings, namespace: bookinfo }
spec:
  host: ratings
  subsets: [{ name: v1, labels: { version: v1 } }]
`,
].join("\n");

/** The "Request Timeouts" task: reviews → v2 with a 0.5 s timeout, a 2 s delay on every call to ratings. */
export const REQUEST_TIMEOUTS_TASK = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
    - route: [{ destination: { host: reviews, subset: v2 } }]
      timeout: 0.5s
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ratings, namespace: bookinfo }
spec:
  hosts: [ratings]
  http:
    - fault: { delay: { percentage: { value: 100 }, fixedDelay: 2s } }
      route: [{ destination: { host: ratings, subset: v1 } }]
`;

/** The "Fault Injection" task: jason → reviews v2, and a 7 s delay on ratings for him (ratings-test-delay). */
export const FAULT_INJECTION_TASK = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
    - match: [{ headers: { end-user: { exact: jason } } }]
      route: [{ destination: { host: reviews, subset: v2 } }]
    - route: [{ destination: { host: reviews, subset: v1 } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ratings, namespace: bookinfo }
spec:
  hosts: [ratings]
  http:
    - match: [{ headers: { end-user: { exact: jason } } }]
      fault: { delay: { percentage: { value: 100.0 }, fixedDelay: 7s } }
      route: [{ destination: { host: ratings, subset: v1 } }]
    - route: [{ destination: { host: ratings, subset: v1 } }]
`;
