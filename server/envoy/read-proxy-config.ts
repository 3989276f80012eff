/**
 * The Envoy tab's two reads, with their I/O passed in: a workload pod's proxy configuration, summarised, and the
 * route a given request takes through it. Before anything is forwarded the pod is checked — it must belong to the
 * workload, carry a sidecar and be running — so the user reads why there is nothing to show rather than a failed
 * port-forward.
 */
import "server-only";
import type { EnvoySummary, RouteDecision } from "@/lib/contracts/envoy";
import type { ConfigDump } from "@/lib/envoy/config-dump";
import { TopsailError } from "@/server/errors";
import { explainRoute } from "./explain-route";
import type { RequestUnderTest } from "./match-conditions";
import { summarizeConfigDump } from "./summarize-config-dump";

export interface ProxyPod {
  name: string;
  workload: string;
  phase: string;
  hasSidecar: boolean;
}

export interface EnvoyDeps {
  /** The namespace's pods, from the cluster cache. */
  listPods(namespace: string): Promise<ProxyPod[]>;
  /** The proxy's admin config dump, read as the viewer. */
  readConfigDump(namespace: string, pod: string): Promise<ConfigDump>;
}

export interface ProxyTarget {
  namespace: string;
  workload: string;
  pod: string;
}

async function checkedPod(deps: EnvoyDeps, target: ProxyTarget): Promise<ProxyPod> {
  const { namespace, workload, pod } = target;
  const found = (await deps.listPods(namespace)).find((p) => p.name === pod && p.workload === workload);
  if (!found) throw new TopsailError("not_found", `Workload ${workload} in namespace ${namespace} has no pod ${pod}.`);
  if (!found.hasSidecar) {
    throw new TopsailError(
      "no_sidecar",
      `Pod ${pod} has no istio-proxy sidecar, so there is no Envoy configuration to read.`,
    );
  }
  if (found.phase !== "Running") {
    throw new TopsailError(
      "pod_not_running",
      `Pod ${pod} is ${found.phase}, not Running: its proxy serves no configuration until it runs.`,
    );
  }
  return found;
}

export async function readProxySummary(deps: EnvoyDeps, target: ProxyTarget): Promise<EnvoySummary> {
  await checkedPod(deps, target);
  const dump = await deps.readConfigDump(target.namespace, target.pod);
  return summarizeConfigDump(target.namespace, target.pod, dump);
}

export async function explainProxyRoute(
  deps: EnvoyDeps,
  target: ProxyTarget,
  request: RequestUnderTest,
): Promise<RouteDecision> {
  return explainRoute(await readProxySummary(deps, target), request);
}
