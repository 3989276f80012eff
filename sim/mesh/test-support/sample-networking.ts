/** Test support: Istio's sample networking objects (samples/bookinfo/networking, the httpbin and tcp-echo tasks). */

const vs = (name: string, namespace: string, body: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${body}
---
`;

export const VIRTUAL_SERVICE_ALL_V1 = ["productpage", "reviews", "ratings", "details"]
  .map((s) =>
    vs(
      s,
      "bookinfo",
      `  hosts:
  - ${s}
  http:
  - route:
    - destination:
        host: ${s}
        subset: v1`,
    ),
  )
  .join("");

export const REVIEWS_50_V3 = vs(
  "reviews",
  "bookinfo",
  `  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 50
    - destination:
        host: reviews
        subset: v3
      weight: 50`,
);

export const REVIEWS_TEST_V2 = vs(
  "reviews",
  "bookinfo",
  `  hosts:
  - reviews
  http:
  - match:
    - headers:
        end-user:
          exact: jason
    route:
    - destination:
        host: reviews
        subset: v2
  - route:
    - destination:
        host: reviews
        subset: v1`,
);

export const RATINGS_TEST_DELAY = vs(
  "ratings",
  "bookinfo",
  `  hosts:
  - ratings
  http:
  - match:
    - headers:
        end-user:
          exact: jason
    fault:
      delay:
        percentage:
          value: 100.0
        fixedDelay: 7s
    route:
    - destination:
        host: ratings
        subset: v1
  - route:
    - destination:
        host: ratings
        subset: v1`,
);

export const RATINGS_TEST_ABORT = vs(
  "ratings",
  "bookinfo",
  `  hosts:
  - ratings
  http:
  - match:
    - headers:
        end-user:
          exact: jason
    fault:
      abort:
        percentage:
          value: 100.0
        httpStatus: 500
    route:
    - destination:
        host: ratings
        subset: v1
  - route:
    - destination:
        host: ratings
        subset: v1`,
);

export const REVIEWS_V2_TIMEOUT_HALF_SECOND = vs(
  "reviews",
  "bookinfo",
  `  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v2
    timeout: 0.5s`,
);

export const RATINGS_DELAY_2S = vs(
  "ratings",
  "bookinfo",
  `  hosts:
  - ratings
  http:
  - fault:
      delay:
        percentage:
          value: 100
        fixedDelay: 2s
    route:
    - destination:
        host: ratings
        subset: v1`,
);

export const REVIEWS_V1_MIRROR_V2 = vs(
  "reviews",
  "bookinfo",
  `  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 100
    mirror:
      host: reviews
      subset: v2`,
);

export const HTTPBIN_CIRCUIT_BREAKER = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: httpbin
  namespace: httpbin
spec:
  host: httpbin
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: 1
      http:
        http1MaxPendingRequests: 1
        maxRequestsPerConnection: 1
    outlierDetection:
      consecutive5xxErrors: 1
      interval: 1s
      baseEjectionTime: 3m
      maxEjectionPercent: 100
`;

export const TCP_ECHO_20_V2 = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: tcp-echo-destination
  namespace: tcp-echo
spec:
  host: tcp-echo
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: tcp-echo
  namespace: tcp-echo
spec:
  hosts:
  - tcp-echo
  tcp:
  - match:
    - port: 9000
    route:
    - destination:
        host: tcp-echo
        port:
          number: 9000
        subset: v1
      weight: 80
    - destination:
        host: tcp-echo
        port:
          number: 9000
        subset: v2
      weight: 20
`;
