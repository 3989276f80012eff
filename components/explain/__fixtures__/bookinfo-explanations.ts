/**
 * Hand-written answers of GET /api/namespaces/bookinfo/explain-request for Bookinfo with the
 * guides' routing: reviews sends jason to v2 and everyone else 50/50 to v1 and v3; ratings
 * delays jason by 7 s. Parsed with the contract's schema, so a fixture that drifts from it fails.
 */
import {
  requestExplanationSchema,
  type DestinationOutcome,
  type Hop,
  type RequestExplanation,
} from "@/lib/contracts/request-explanation";

const fqdn = (service: string) => `${service}.bookinfo.svc.cluster.local`;
const vs = (name: string, path?: string, line?: number) => ({
  kind: "VirtualService" as const,
  namespace: "bookinfo",
  name,
  ...(path ? { path } : {}),
  ...(line ? { line } : {}),
});

function destination(service: string, subset: string, probability: number): DestinationOutcome {
  return {
    host: fqdn(service),
    subset,
    port: 9080,
    probability,
    pods: [{ name: `${service}-${subset}-7d9f8-abcde`, ready: true, hasSidecar: true }],
    trafficPolicy: { loadBalancer: "LEAST_REQUEST (Istio's default)", refs: [] },
    tls: {
      mode: "ISTIO_MUTUAL",
      accepted: true,
      reason: "auto mTLS: the destination's pods have sidecars",
      refs: [],
    },
    authorization: { verdict: "allow", reason: "no AuthorizationPolicy selects the workload", refs: [] },
  };
}

const defaultRetries = { attempts: 2, retryOn: ["connect-failure", "refused-stream", "unavailable"], isDefault: true };
const jasonRule = 'header end-user: exact "jason"';

function hop(init: Omit<Hop, "source" | "request" | "rules" | "retries" | "mirrors"> & Partial<Hop>): Hop {
  return {
    source: { namespace: "bookinfo", workload: "productpage-v1", isGateway: false },
    request: { host: fqdn("reviews"), port: 9080, path: "/reviews/0", method: "GET", headers: {} },
    rules: [],
    retries: defaultRetries,
    mirrors: [],
    ...init,
  };
}

export const jasonToReviews: RequestExplanation = requestExplanationSchema.parse({
  namespace: "bookinfo",
  query: {
    sourceWorkload: "productpage-v1",
    host: "reviews",
    port: 9080,
    path: "/reviews/0",
    method: "GET",
    headers: { "end-user": "jason" },
  },
  hops: [
    hop({
      id: "0",
      request: { host: fqdn("reviews"), port: 9080, path: "/reviews/0", method: "GET", headers: { "end-user": "jason" } },
      virtualService: vs("reviews"),
      rules: [
        {
          index: 0,
          matched: true,
          reasons: [`${jasonRule} — the request has end-user: jason`],
          ref: vs("reviews", "spec/http/0", 9),
        },
      ],
      outcome: "route",
      summary: `rule 0 (${jasonRule}) sends every request to subset v2`,
      destinations: [destination("reviews", "v2", 1)],
    }),
    hop({
      id: "0.0",
      parent: "0",
      source: { namespace: "bookinfo", workload: "reviews-v2", isGateway: false },
      request: { host: fqdn("ratings"), port: 9080, path: "/ratings/0", method: "GET", headers: { "end-user": "jason" } },
      virtualService: vs("ratings"),
      rules: [
        {
          index: 0,
          matched: true,
          reasons: [`${jasonRule} — the request has end-user: jason`],
          ref: vs("ratings", "spec/http/0", 9),
        },
      ],
      outcome: "route",
      summary: `rule 0 (${jasonRule}) sends every request to subset v1, after a 7 s delay`,
      destinations: [destination("ratings", "v1", 1)],
      fault: { delay: { ms: 7000, percent: 100 } },
    }),
  ],
  nextHopSource: "the Bookinfo samples' calls (lib/istio/sample-client-calls.ts)",
});

export const anyoneToReviews: RequestExplanation = requestExplanationSchema.parse({
  namespace: "bookinfo",
  query: { sourceWorkload: "productpage-v1", host: "reviews", port: 9080, path: "/reviews/0", method: "GET", headers: {} },
  hops: [
    hop({
      id: "0",
      virtualService: vs("reviews"),
      rules: [
        {
          index: 0,
          matched: false,
          reasons: [`${jasonRule} — the request has no end-user header`],
          ref: vs("reviews", "spec/http/0", 9),
        },
        {
          index: 1,
          matched: true,
          reasons: ["no match conditions: matches every request"],
          ref: vs("reviews", "spec/http/1", 17),
        },
      ],
      outcome: "route",
      summary: "rule 1 (no match conditions) splits the requests: 50% to subset v1, 50% to subset v3",
      destinations: [destination("reviews", "v1", 0.5), destination("reviews", "v3", 0.5)],
    }),
  ],
  nextHopSource: "the Bookinfo samples' calls (lib/istio/sample-client-calls.ts)",
});
