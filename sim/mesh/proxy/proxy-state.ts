/**
 * The per-proxy state Envoy keeps for each upstream cluster: its connection pool, its
 * outlier detector and its load balancer's position. Keyed by proxy (pod) and Envoy
 * cluster name, so it survives config rebuilds as long as the cluster does.
 */
import type { LoadBalancerSettings } from "@/lib/istio/types";
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import type { Rng } from "../engine/rng";
import { ConnectionPool } from "./connection-pool";
import { OutlierDetector } from "./outlier-detector";

export class ClusterState {
  readonly pool = new ConnectionPool();
  readonly tcpPool = new ConnectionPool();
  readonly outliers = new OutlierDetector();
  private cursor = 0;

  /**
   * ROUND_ROBIN, and Istio's default LEAST_REQUEST too: with equal hosts and light load
   * least-request picks spread the same way, and round robin keeps shares exact.
   */
  pick(endpoints: readonly PodInfo[], loadBalancer: LoadBalancerSettings | undefined, rng: Rng): PodInfo | undefined {
    if (endpoints.length === 0) return undefined;
    if (loadBalancer?.simple === "RANDOM") return endpoints[rng.int(endpoints.length)];
    const pod = endpoints[this.cursor % endpoints.length];
    this.cursor = (this.cursor + 1) % 1_000_000_007;
    return pod;
  }
}

export class ProxyStates {
  private readonly states = new Map<string, ClusterState>();

  cluster(proxyKey: string, clusterKey: string): ClusterState {
    const key = `${proxyKey}\u0000${clusterKey}`;
    let state = this.states.get(key);
    if (!state) {
      state = new ClusterState();
      this.states.set(key, state);
    }
    return state;
  }

  clear(): void {
    this.states.clear();
  }
}
