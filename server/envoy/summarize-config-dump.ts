/** A proxy's whole config dump, summarised for the Envoy tab (each part by its own module). */
import "server-only";
import type { EnvoySummary } from "@/lib/contracts/envoy";
import type { ConfigDump } from "@/lib/envoy/config-dump";
import { summarizeClusters } from "./summarize-clusters";
import { summarizeEndpoints } from "./summarize-endpoints";
import { summarizeListeners } from "./summarize-listeners";
import { summarizeRoutes } from "./summarize-routes";

export function summarizeConfigDump(namespace: string, pod: string, dump: ConfigDump): EnvoySummary {
  return {
    namespace,
    pod,
    clusters: summarizeClusters(dump),
    listeners: summarizeListeners(dump),
    routeConfigs: summarizeRoutes(dump),
    endpoints: summarizeEndpoints(dump),
    otherConfigs: dump.others,
  };
}
