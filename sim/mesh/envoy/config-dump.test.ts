import { describe, expect, it } from "vitest";
import { ConfigWatcher } from "../config/config-watcher";
import type { ConfigSnapshot } from "@/lib/istio/routing/snapshot";
import { EGRESS_GATEWAY_YAML, SERVICE_ENTRY_YAML, meshConfigYaml } from "../test-support/egress-config";
import { applyYaml, createDefaultScenarioStore } from "../test-support/scenario-store";
import { snapshotWith } from "../test-support/snapshot-fixture";
import {
  ClustersDump,
  Dump,
  ListenersDump,
  PUSHED_AT,
  RoutesDump,
  podOf,
  section,
  virtualHost,
} from "../test-support/read-config-dump";
import { configDumpFor } from "./config-dump";

const REVIEWS = "reviews.bookinfo.svc.cluster.local";

function reviewsVs(v1Weight: number): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
    - name: jason
      match: [{ headers: { end-user: { exact: jason } } }]
      route: [{ destination: { host: reviews, subset: v2 } }]
      fault: { abort: { httpStatus: 503, percentage: { value: 50 } } }
    - name: canary
      match: [{ uri: { prefix: /reviews/1 } }]
      route: [{ destination: { host: reviews, subset: v3 } }]
      timeout: 1.5s
      retries: { attempts: 3, retryOn: 5xx }
      mirror: { host: ratings }
    - name: split
      route:
        - { destination: { host: reviews, subset: v1 }, weight: ${v1Weight} }
        - { destination: { host: reviews, subset: v3 }, weight: ${100 - v1Weight} }
`;
}

describe("configDumpFor: the sections of Envoy's /config_dump", () => {
  const snapshot = snapshotWith();
  const productpage = podOf(snapshot, "productpage-v1");
  it("lists the config dumps in Envoy's order, endpoints only when asked for", () => {
    const types = (includeEds: boolean) =>
      Dump.parse(configDumpFor(snapshot, productpage, { pushedAt: PUSHED_AT, includeEds })).configs.map((c) =>
        c["@type"].replace("type.googleapis.com/envoy.admin.v3.", ""),
      );
    expect(types(false)).toEqual([
      "BootstrapConfigDump",
      "ClustersConfigDump",
      "EcdsConfigDump",
      "ListenersConfigDump",
      "ScopedRoutesConfigDump",
      "RoutesConfigDump",
      "SecretsConfigDump",
    ]);
    expect(types(true)).toContain("EndpointsConfigDump");
  });
});

describe("productpage's routes for reviews", () => {
  it("list the VirtualService's rules in order, with match, destination, fault, timeout, retries, mirror and metadata", () => {
    const snapshot = snapshotWith(reviewsVs(80));
    const host = virtualHost(snapshot, podOf(snapshot, "productpage-v1"), "9080", `${REVIEWS}:9080`);
    expect(host.domains).toEqual(
      expect.arrayContaining([REVIEWS, "reviews", "reviews.bookinfo", "reviews.bookinfo.svc"]),
    );
    expect(host.routes.map((r) => r.name)).toEqual(["jason", "canary", "split"]);
    const [jason, canary, split] = host.routes;
    expect(jason?.match).toEqual({ prefix: "/", headers: [{ name: "end-user", string_match: { exact: "jason" } }] });
    expect(jason?.route?.cluster).toBe(`outbound|9080|v2|${REVIEWS}`);
    expect(jason?.typed_per_filter_config?.["envoy.filters.http.fault"]).toMatchObject({
      abort: { http_status: 503, percentage: { numerator: 500000, denominator: "MILLION" } },
    });
    expect(canary?.match).toEqual({ prefix: "/reviews/1" });
    expect(canary?.route).toMatchObject({
      cluster: `outbound|9080|v3|${REVIEWS}`,
      timeout: "1.500s",
      retry_policy: { retry_on: "5xx", num_retries: 3 },
      request_mirror_policies: [{ cluster: "outbound|9080||ratings.bookinfo.svc.cluster.local" }],
    });
    expect(canary?.decorator?.operation).toBe(`${REVIEWS}:9080/reviews/1*`);
    expect(split?.route?.weighted_clusters?.clusters).toEqual([
      { name: `outbound|9080|v1|${REVIEWS}`, weight: 80 },
      { name: `outbound|9080|v3|${REVIEWS}`, weight: 20 },
    ]);
    expect(split?.decorator?.operation).toBe("reviews:9080/*");
    expect(split?.metadata?.filter_metadata.istio.config).toBe(
      "/apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service/reviews",
    );
  });

  it("show a weight change, under a new push version", () => {
    const store = createDefaultScenarioStore();
    applyYaml(store, reviewsVs(80));
    const watcher = new ConfigWatcher(store);
    const before = watcher.current();
    applyYaml(store, reviewsVs(30));
    const after = watcher.current();
    watcher.stop();
    const proxy = podOf(after, "productpage-v1");
    const weights = (s: ConfigSnapshot) =>
      virtualHost(s, proxy, "9080", `${REVIEWS}:9080`).routes[2]?.route?.weighted_clusters?.clusters.map(
        (c) => c.weight,
      );
    expect(weights(before)).toEqual([80, 20]);
    expect(weights(after)).toEqual([30, 70]);
    const versionOf = (s: ConfigSnapshot) =>
      ClustersDump.parse(section(configDumpFor(s, proxy, { pushedAt: PUSHED_AT }), "ClustersConfigDump"))
        .dynamic_active_clusters[0]?.version_info;
    expect(versionOf(before)).not.toBe(versionOf(after));
  });

  it("drop match blocks meant for other sources", () => {
    const snapshot = snapshotWith(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
    - name: from-ratings-only
      match: [{ sourceLabels: { app: ratings } }]
      route: [{ destination: { host: reviews, subset: v2 } }]
    - name: rest
      route: [{ destination: { host: reviews, subset: v1 } }]
`);
    const host = virtualHost(snapshot, podOf(snapshot, "productpage-v1"), "9080", `${REVIEWS}:9080`);
    expect(host.routes.map((r) => r.name)).toEqual(["rest"]);
  });

  it("is Istio's default route when no VirtualService covers the host", () => {
    const snapshot = snapshotWith();
    const host = virtualHost(snapshot, podOf(snapshot, "productpage-v1"), "9080", `${REVIEWS}:9080`);
    expect(host.routes).toHaveLength(1);
    expect(host.routes[0]).toMatchObject({
      name: "default",
      match: { prefix: "/" },
      route: { cluster: `outbound|9080||${REVIEWS}`, timeout: "0s" },
      decorator: { operation: `${REVIEWS}:9080/*` },
    });
  });
});

describe("the ingress gateway", () => {
  it("routes http.8080 by the VirtualServices bound to its Gateway", () => {
    const snapshot = snapshotWith();
    const gateway = snapshot.pods.find((p) => p.isGateway && p.labels.istio === "ingressgateway");
    if (!gateway) throw new Error("no ingress gateway");
    const host = virtualHost(snapshot, gateway, "http.8080", "*:8080");
    expect(host.routes[0]).toMatchObject({
      match: { path: "/productpage" },
      route: { cluster: "outbound|9080||productpage.bookinfo.svc.cluster.local" },
      metadata: {
        filter_metadata: {
          istio: { config: "/apis/networking.istio.io/v1/namespaces/bookinfo/virtual-service/bookinfo" },
        },
      },
    });
  });
});

describe("the catch-all of the mesh's outbound policy", () => {
  const catchAllListeners = (snapshot: ConfigSnapshot) =>
    ListenersDump.parse(
      section(
        configDumpFor(snapshot, podOf(snapshot, "productpage-v1"), { pushedAt: PUSHED_AT }),
        "ListenersConfigDump",
      ),
    )
      .dynamic_listeners.filter((l) => l.name === "virtualOutbound")
      .flatMap((l) =>
        l.active_state.listener.filter_chains.flatMap((c) => c.filters.map((f) => f.typed_config.cluster)),
      );

  it("is allow_any to PassthroughCluster under ALLOW_ANY", () => {
    const snapshot = snapshotWith();
    const host = virtualHost(snapshot, podOf(snapshot, "productpage-v1"), "9080", "allow_any");
    expect(host.domains).toEqual(["*"]);
    expect(host.routes[0]?.route?.cluster).toBe("PassthroughCluster");
    expect(catchAllListeners(snapshot)).toEqual(["PassthroughCluster"]);
  });

  it("is block_all answering 502 itself under REGISTRY_ONLY, with no allow_any left", () => {
    const snapshot = snapshotWith(meshConfigYaml("REGISTRY_ONLY"));
    const proxy = podOf(snapshot, "productpage-v1");
    const host = virtualHost(snapshot, proxy, "9080", "block_all");
    expect(host.routes).toEqual([{ name: "block_all", match: { prefix: "/" }, direct_response: { status: 502 } }]);
    expect(() => virtualHost(snapshot, proxy, "9080", "allow_any")).toThrow(/no virtual host allow_any/);
    expect(catchAllListeners(snapshot)).toEqual(["BlackHoleCluster"]);
  });
});

describe("the egress gateway", () => {
  it("routes the host of its Gateway by the VirtualService bound to it, on the port it listens on (http.8080)", () => {
    const snapshot = snapshotWith(`${SERVICE_ENTRY_YAML}---\n${EGRESS_GATEWAY_YAML}`);
    const gateway = snapshot.pods.find((p) => p.isGateway && p.labels.istio === "egressgateway");
    if (!gateway) throw new Error("no egress gateway");
    const routes = RoutesDump.parse(
      section(configDumpFor(snapshot, gateway, { pushedAt: PUSHED_AT }), "RoutesConfigDump"),
    ).dynamic_route_configs.map((r) => r.route_config.name);
    // The Gateway's server says port 80, the Service's port whose targetPort the pod listens on.
    expect(routes).toEqual(["http.8080"]);
    const host = virtualHost(snapshot, gateway, "http.8080", "httpbin.org:80");
    expect(host.domains).toEqual(["httpbin.org", "httpbin.org:*"]);
    // Only the rule matching `gateways: [istio-egressgateway]`; the mesh's rule is for the sidecars.
    expect(host.routes).toHaveLength(1);
    expect(host.routes[0]?.route?.cluster).toBe("outbound|80||httpbin.org");
    expect(host.routes[0]?.metadata?.filter_metadata.istio.config).toBe(
      "/apis/networking.istio.io/v1/namespaces/tcp-echo/virtual-service/direct-httpbin-through-egress-gateway",
    );
  });

  it("has no routes without a Gateway bound to it", () => {
    const snapshot = snapshotWith();
    const gateway = snapshot.pods.find((p) => p.isGateway && p.labels.istio === "egressgateway");
    if (!gateway) throw new Error("no egress gateway");
    const routes = RoutesDump.parse(
      section(configDumpFor(snapshot, gateway, { pushedAt: PUSHED_AT }), "RoutesConfigDump"),
    );
    expect(routes.dynamic_route_configs).toEqual([]);
  });
});
