import { describe, expect, it } from "vitest";
import { ConfigWatcher } from "../config/config-watcher";
import type { ConfigSnapshot } from "@/lib/istio/routing/snapshot";
import { createDefaultScenarioStore } from "../test-support/scenario-store";
import { snapshotWith } from "../test-support/snapshot-fixture";
import {
  ClustersDump,
  EndpointsDump,
  ListenersDump,
  PUSHED_AT,
  podOf,
  section,
} from "../test-support/read-config-dump";
import { configDumpFor } from "./config-dump";

const REVIEWS = "reviews.bookinfo.svc.cluster.local";

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
