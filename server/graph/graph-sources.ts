/**
 * What the graph engine reads, passed in as parameters so the domain needs no module
 * mocking: unit tests hand it recorded Prometheus answers and a literal cluster state.
 */
import "server-only";
import type { DestinationRule, ServiceEntry, VirtualService } from "@/lib/istio/types";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import type { WorkloadSummary } from "@/server/adapters/kube/list-workloads";
import type { PromSample } from "@/server/adapters/prometheus";

export interface ClusterState {
  /** Those of the requested namespaces that exist. */
  namespaces: string[];
  workloads: WorkloadSummary[];
  services: ServiceSummary[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  serviceEntries: ServiceEntry[];
}

export interface GraphSources {
  /** Evaluates an instant query at `time` (the end of the window). */
  queryPrometheus(promql: string, time: Date): Promise<PromSample[]>;
  /** Those of `namespaces` that exist: a cheap check made before anything else is read. */
  existingNamespaces(namespaces: string[]): Promise<string[]>;
  readClusterState(namespaces: string[]): Promise<ClusterState>;
}

export type { ServiceSummary, WorkloadSummary };
