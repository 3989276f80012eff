import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigWatcher } from "../config/config-watcher";
import type { ConfigSnapshot, PodInfo } from "../config/snapshot";
import { applyYaml, createDefaultScenarioStore } from "../test-support/scenario-store";
import { snapshotWith } from "../test-support/snapshot-fixture";
import { configDumpFor } from "./config-dump";

/** Just the parts of the dump these tests read, checked rather than cast. */
const Route = z
  .object({
    name: z.string().optional(),
    match: z.record(z.string(), z.unknown()),
    route: z
      .object({
        cluster: z.string().optional(),
        weighted_clusters: z
          .object({ clusters: z.array(z.object({ name: z.string(), weight: z.number() })) })
          .optional(),
        timeout: z.string(),
        retry_policy: z.object({ retry_on: z.string(), num_retries: z.number() }).optional(),
        request_mirror_policies: z.array(z.object({ cluster: z.string() })).optional(),
      })
      .optional(),
    metadata: z.object({ filter_metadata: z.object({ istio: z.object({ config: z.string() }) }) }).optional(),
    decorator: z.object({ operation: z.string() }).optional(),
    typed_per_filter_config: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  })
  .passthrough();
const VirtualHost = z.object({ name: z.string(), domains: z.array(z.string()), routes: z.array(Route) });
const Dump = z.object({
  configs: z.array(z.object({ "@type": z.string() }).passthrough()),
});
const RoutesDump = z.object({
  dynamic_route_configs: z.array(
    z.object({
      version_info: z.string(),
      route_config: z.object({ name: z.string(), virtual_hosts: z.array(VirtualHost) }),
    }),
  ),
});
const ClustersDump = z.object({
  dynamic_active_clusters: z.array(
    z.object({ version_info: z.string(), cluster: z.object({ name: z.string() }).passthrough() }),
  ),
});
const EndpointsDump = z.object({
  dynamic_endpoint_configs: z.array(
    z.object({
      endpoint_config: z.object({
        cluster_name: z.string(),
        endpoints: z.array(
          z.object({
            lb_endpoints: z.array(
              z.object({
                endpoint: z.object({
                  address: z.object({ socket_address: z.object({ address: z.string(), port_value: z.number() }) }),
                }),
                health_status: z.string(),
                metadata: z.object({ filter_metadata: z.record(z.string(), z.record(z.string(), z.unknown())) }),
              }),
            ),
          }),
        ),
      }),
    }),
  ),
});

const REVIEWS = "reviews.bookinfo.svc.cluster.local";
const PUSHED_AT = new Date("2026-08-24T10:15:00.000Z");

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

function podOf(snapshot: ConfigSnapshot, prefix: string): PodInfo {
  const pod = snapshot.pods.find((p) => p.name.startsWith(prefix));
  if (!pod) throw new Error(`no pod ${prefix}`);
  return pod;
}

function section(dump: unknown, type: string): unknown {
  const found = Dump.parse(dump).configs.find((c) => c["@type"] === `type.googleapis.com/envoy.admin.v3.${type}`);
  if (!found) throw new Error(`no ${type}`);
  return found;
}

function virtualHost(snapshot: ConfigSnapshot, proxy: PodInfo, routeConfig: string, name: string) {
  const routes = RoutesDump.parse(section(configDumpFor(snapshot, proxy, { pushedAt: PUSHED_AT }), "RoutesConfigDump"));
  const config = routes.dynamic_route_configs.find((r) => r.route_config.name === routeConfig);
  const host = config?.route_config.virtual_hosts.find((v) => v.name === name);
  if (!host) throw new Error(`no virtual host ${name} in ${routeConfig}`);
  return host;
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

describe("clusters", () => {
  it("have one per DestinationRule subset with the rule's traffic policy and name", () => {
    const snapshot = snapshotWith(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec:
  host: reviews
  trafficPolicy:
    connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 2, maxRequestsPerConnection: 1 } }
    outlierDetection: { consecutive5xxErrors: 3, interval: 1s, baseEjectionTime: 30s, maxEjectionPercent: 100 }
  subsets:
    - { name: v1, labels: { version: v1 } }
    - name: v2
      labels: { version: v2 }
      trafficPolicy: { loadBalancer: { simple: RANDOM } }
`);
    const clusters = ClustersDump.parse(
      section(
        configDumpFor(snapshot, podOf(snapshot, "productpage-v1"), { pushedAt: PUSHED_AT }),
        "ClustersConfigDump",
      ),
    ).dynamic_active_clusters.map((c) => c.cluster);
    const names = clusters.map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        `outbound|9080||${REVIEWS}`,
        `outbound|9080|v1|${REVIEWS}`,
        `outbound|9080|v2|${REVIEWS}`,
        "inbound|9080||",
        "PassthroughCluster",
        "BlackHoleCluster",
      ]),
    );
    expect(names).not.toContain(`outbound|9080|v3|${REVIEWS}`);
    expect(clusters.find((c) => c.name === `outbound|9080|v2|${REVIEWS}`)).toMatchObject({
      lb_policy: "RANDOM",
      circuit_breakers: { thresholds: [{ max_connections: 1, max_pending_requests: 2 }] },
      outlier_detection: { consecutive_5xx: 3, interval: "1s", base_ejection_time: "30s", max_ejection_percent: 100 },
      metadata: {
        filter_metadata: {
          istio: { subset: "v2", config: "/apis/networking.istio.io/v1/namespaces/bookinfo/destination-rule/reviews" },
        },
      },
    });
  });
});

describe("endpoints", () => {
  it("are the service's pods at the target port, a pod that is not ready UNHEALTHY", () => {
    const store = createDefaultScenarioStore();
    const pods = { group: "", resource: "pods" };
    const reviews = store.list(pods, "bookinfo").items.filter((p) => p.metadata.labels?.app === "reviews");
    reviews.forEach((pod, i) =>
      store.update(pods, {
        ...pod,
        status: {
          phase: "Running",
          podIP: `10.244.1.${20 + i}`,
          conditions: [{ type: "Ready", status: pod.metadata.labels?.version === "v3" ? "False" : "True" }],
        },
      }),
    );
    const watcher = new ConfigWatcher(store);
    const snapshot = watcher.current();
    watcher.stop();
    const eds = EndpointsDump.parse(
      section(
        configDumpFor(snapshot, podOf(snapshot, "productpage-v1"), { pushedAt: PUSHED_AT, includeEds: true }),
        "EndpointsConfigDump",
      ),
    );
    const assignment = eds.dynamic_endpoint_configs.find(
      (e) => e.endpoint_config.cluster_name === `outbound|9080||${REVIEWS}`,
    );
    const hosts = assignment?.endpoint_config.endpoints.flatMap((l) => l.lb_endpoints) ?? [];
    expect(hosts.map((h) => h.endpoint.address.socket_address.port_value)).toEqual([9080, 9080, 9080]);
    expect(hosts.map((h) => h.health_status).sort()).toEqual(["HEALTHY", "HEALTHY", "UNHEALTHY"]);
    // Sidecars: auto mTLS picks the cluster's tlsMode-istio transport socket for them.
    expect(hosts.map((h) => h.metadata.filter_metadata["envoy.transport_socket_match"])).toEqual([
      { tlsMode: "istio" },
      { tlsMode: "istio" },
      { tlsMode: "istio" },
    ]);
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

const ListenersDump = z.object({
  dynamic_listeners: z.array(
    z.object({
      name: z.string(),
      active_state: z.object({
        listener: z.object({
          filter_chains: z.array(
            z.object({
              filters: z.array(z.object({ name: z.string(), typed_config: z.record(z.string(), z.unknown()) })),
            }),
          ),
        }),
      }),
    }),
  ),
});

describe("TCP listeners", () => {
  it("split a TCP service by its VirtualService's weights, as routeTcp does", () => {
    const snapshot = snapshotWith(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: tcp-echo, namespace: tcp-echo }
spec:
  host: tcp-echo
  subsets: [{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: tcp-echo, namespace: tcp-echo }
spec:
  hosts: [tcp-echo]
  tcp:
    - match: [{ port: 9000 }]
      route:
        - { destination: { host: tcp-echo, subset: v1 }, weight: 80 }
        - { destination: { host: tcp-echo, subset: v2 }, weight: 20 }
`);
    const service = snapshot.services.get("tcp-echo.tcp-echo.svc.cluster.local");
    const listeners = ListenersDump.parse(
      section(configDumpFor(snapshot, podOf(snapshot, "curl"), { pushedAt: PUSHED_AT }), "ListenersConfigDump"),
    );
    const proxyOf = (port: number) =>
      listeners.dynamic_listeners.find((l) => l.name === `${service?.clusterIp}_${port}`)?.active_state.listener
        .filter_chains[0]?.filters[0]?.typed_config;
    expect(proxyOf(9000)).toMatchObject({
      weighted_clusters: {
        clusters: [
          { name: "outbound|9000|v1|tcp-echo.tcp-echo.svc.cluster.local", weight: 80 },
          { name: "outbound|9000|v2|tcp-echo.tcp-echo.svc.cluster.local", weight: 20 },
        ],
      },
    });
    expect(proxyOf(9001)).toMatchObject({ cluster: "outbound|9001||tcp-echo.tcp-echo.svc.cluster.local" });
  });
});

describe("auto mTLS", () => {
  const clusterNamed = (snapshot: ConfigSnapshot, name: string) =>
    ClustersDump.parse(
      section(
        configDumpFor(snapshot, podOf(snapshot, "productpage-v1"), { pushedAt: PUSHED_AT }),
        "ClustersConfigDump",
      ),
    ).dynamic_active_clusters.find((c) => c.cluster.name === name)?.cluster;

  it("matches Istio mTLS to sidecar endpoints when no DestinationRule sets tls", () => {
    const cluster = clusterNamed(snapshotWith(), `outbound|9080||${REVIEWS}`);
    expect(cluster?.transport_socket_matches).toMatchObject([
      { name: "tlsMode-istio", match: { tlsMode: "istio" } },
      { name: "tlsMode-disabled", match: {} },
    ]);
  });

  it("gives way to a DestinationRule's own tls mode", () => {
    const snapshot = snapshotWith(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec:
  host: reviews
  trafficPolicy: { tls: { mode: DISABLE } }
`);
    const cluster = clusterNamed(snapshot, `outbound|9080||${REVIEWS}`);
    expect(cluster).not.toHaveProperty("transport_socket_matches");
    expect(cluster).not.toHaveProperty("transport_socket");
  });
});
