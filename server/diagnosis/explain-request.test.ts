import { describe, expect, it } from "vitest";
import { requestExplanationQuerySchema, requestExplanationSchema } from "@/lib/contracts/request-explanation";
import { bookinfoInput } from "@/lib/istio/routing/test-support/bookinfo-objects";
import { JASON_V2_SPLIT_AND_DELAY } from "@/lib/istio/routing/test-support/bookinfo-samples";
import { explainRequest } from "./explain-request";

const facts = (yaml = JASON_V2_SPLIT_AND_DELAY) => ({ objects: bookinfoInput(yaml), rootNamespace: "istio-system" });
const query = (raw: Record<string, unknown>) => requestExplanationQuerySchema.parse(raw);

describe("the request explainer on Bookinfo with the guides' routing (jason → v2, 50/50 otherwise, 7 s delay for jason)", () => {
  it("jason's request to reviews: the header rule, v2 at 100 %, and reviews v2's call to ratings delayed 7 s", () => {
    const answer = explainRequest(
      facts(),
      "bookinfo",
      query({ sourceWorkload: "productpage-v1", host: "reviews", path: "/reviews/0", headers: ["end-user:jason"] }),
    );
    expect(requestExplanationSchema.parse(answer)).toEqual(answer);
    const [first, ...next] = answer.hops;
    expect(first?.request).toMatchObject({ host: "reviews.bookinfo.svc.cluster.local", port: 9080 });
    expect(first?.virtualService).toMatchObject({ kind: "VirtualService", name: "reviews" });
    expect(first?.rules).toEqual([
      expect.objectContaining({
        index: 0,
        matched: true,
        reasons: ['header end-user: exact "jason"'],
        ref: expect.objectContaining({ path: "spec/http[0]/match", line: expect.any(Number) }),
      }),
    ]);
    expect(first?.destinations.map((d) => [d.subset, d.probability, d.pods.map((p) => p.name)])).toEqual([
      ["v2", 1, [expect.stringMatching(/^reviews-v2-/)]],
    ]);
    expect(first?.summary).toMatch(
      /rule 0 of VirtualService bookinfo\/reviews .* sends every request to reviews.bookinfo subset v2/,
    );

    expect(next.map((h) => [h.parent, h.source.workload, h.request.host])).toEqual([
      [first?.id, "reviews-v2", "ratings.bookinfo.svc.cluster.local"],
    ]);
    expect(next[0]?.request.headers).toEqual({ "end-user": "jason" });
    expect(next[0]?.fault).toEqual({ delay: { ms: 7000, percent: 100 } });
    expect(answer.nextHopSource).toMatch(/sample-client-calls/);
  });

  it("anyone else's: the catch-all with v1 and v3 at 50 % each, rule 0 failing on the end-user header, and only v3 calls ratings", () => {
    const answer = explainRequest(
      facts(),
      "bookinfo",
      query({ sourceWorkload: "productpage-v1", host: "reviews", headers: ["end-user:mike"] }),
    );
    const [first, ...next] = answer.hops;
    expect(first?.rules.map((r) => [r.index, r.matched, r.reasons])).toEqual([
      [0, false, ['header end-user: exact "jason" — the request\'s end-user is "mike"']],
      [1, true, ["no match conditions: matches every request"]],
    ]);
    expect(first?.destinations.map((d) => [d.subset, d.probability])).toEqual([
      ["v1", 0.5],
      ["v3", 0.5],
    ]);
    expect(next.map((h) => [h.source.workload, h.fault])).toEqual([["reviews-v3", undefined]]);
  });

  it("describes the destination's policy, TLS and authorization as the simulator decides them", () => {
    const policy = `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: bookinfo }
spec: { mtls: { mode: STRICT } }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: only-productpage, namespace: bookinfo }
spec:
  selector: { matchLabels: { app: details } }
  rules: [{ from: [{ source: { principals: [cluster.local/ns/bookinfo/sa/bookinfo-reviews] } }] }]
`;
    const answer = explainRequest(
      facts(policy),
      "bookinfo",
      query({ sourceWorkload: "productpage-v1", host: "details" }),
    );
    const details = answer.hops[0]?.destinations[0];
    expect(answer.hops[0]?.outcome).toBe("route");
    expect(answer.hops[0]?.summary).toMatch(/no VirtualService applies to details.bookinfo: Istio's default route/);
    expect(details?.trafficPolicy.loadBalancer).toMatch(/LEAST_REQUEST/);
    expect(details?.tls).toMatchObject({ mode: "ISTIO_MUTUAL", accepted: true });
    expect(details?.tls.refs).toEqual([expect.objectContaining({ kind: "PeerAuthentication", name: "default" })]);
    expect(details?.authorization).toMatchObject({ verdict: "deny" });
    expect(details?.authorization.reason).toMatch(/none of their rules matches/);
  });

  it("names a subset no DestinationRule defines (503 NC)", () => {
    const vs = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http: [{ route: [{ destination: { host: reviews, subset: v4 } }] }]
`;
    const answer = explainRequest(facts(vs), "bookinfo", query({ sourceWorkload: "productpage-v1", host: "reviews" }));
    expect(answer.hops[0]?.destinations[0]?.problem).toMatch(
      /subset v4 is not defined by DestinationRule bookinfo\/reviews.*503 NC/,
    );
    expect(answer.hops).toHaveLength(1);
  });

  it("from the ingress gateway: names the Gateway server, routes by the gateway's VirtualService, then follows productpage's calls", () => {
    const answer = explainRequest(
      facts(),
      "istio-system",
      query({
        sourceWorkload: "istio-ingressgateway",
        host: "bookinfo.example.com",
        path: "/productpage",
        headers: ["end-user:jason"],
      }),
    );
    const [gateway] = answer.hops;
    expect(gateway?.source.isGateway).toBe(true);
    expect(gateway?.gatewayServer).toMatchObject({
      index: 0,
      hosts: ["*"],
      ref: { kind: "Gateway", name: "bookinfo-gateway" },
    });
    expect(gateway?.rules[0]?.reasons).toEqual(['match 0: uri: exact "/productpage"']);
    expect(answer.hops.map((h) => `${h.source.workload} → ${h.request.host.split(".")[0]}`)).toEqual([
      "istio-ingressgateway → bookinfo",
      "productpage-v1 → details",
      "productpage-v1 → reviews",
      "reviews-v2 → ratings",
    ]);
  });

  it("says which Gateway server is missing when none accepts the port", () => {
    const answer = explainRequest(
      facts(),
      "istio-system",
      query({ sourceWorkload: "istio-ingressgateway", host: "bookinfo.example.com", port: 443 }),
    );
    expect(answer.hops[0]).toMatchObject({ outcome: "notAccepted", destinations: [] });
    expect(answer.hops[0]?.summary).toMatch(/no Gateway server .* port 443/);
  });

  it("refuses an unknown source workload, naming the ones there are", () => {
    expect(() =>
      explainRequest(facts(), "bookinfo", query({ sourceWorkload: "productpage-v9", host: "reviews" })),
    ).toThrow(/no workload "productpage-v9" in namespace "bookinfo"; its workloads are details-v1, productpage-v1/);
  });
});
