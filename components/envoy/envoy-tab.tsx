"use client";

/**
 * A workload's Envoy tab: pick one of its pods, then read its proxy's clusters, listeners, routes and endpoints (from
 * the admin config dump, through a port-forward made as the viewer) with a text filter, and ask which route a request
 * takes. A pod without a sidecar or not running is explained before anything is asked of the cluster; a refused
 * port-forward or an unreachable proxy is explained from the error's code.
 */
import { Tabs } from "radix-ui";
import { useState } from "react";
import type { PodInfo } from "@/lib/contracts/inventory";
import { ApiError } from "@/lib/queries/fetch-json";
import { useEnvoySummary, type EnvoyTarget } from "@/lib/queries/envoy";
import { Notice } from "@/components/inventory/item-parts";
import { ClustersTable, EndpointsTable, ListenersTable } from "./config-tables";
import { RouteMatchPanel } from "./route-match-panel";
import { RoutesView } from "./routes-view";
import { envoyViews, useEnvoyUrlState, type EnvoyView } from "./use-envoy-url-state";

const viewLabels: Record<EnvoyView, string> = {
  clusters: "Clusters",
  listeners: "Listeners",
  routes: "Routes",
  endpoints: "Endpoints",
};

const controlClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";
const subTabClass =
  "rounded-md px-3 py-1 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:bg-sky-100 data-[state=active]:text-sky-900 dark:text-slate-400 dark:data-[state=active]:bg-sky-900/40 dark:data-[state=active]:text-sky-100";

/** The pod shown when the URL names none (or one the workload no longer has): the first that can answer. */
export function defaultPod(pods: readonly PodInfo[], wanted: string | undefined): PodInfo | undefined {
  return pods.find((p) => p.name === wanted) ?? pods.find((p) => p.hasSidecar && p.phase === "Running") ?? pods[0];
}

/** Why the pod's proxy cannot be read, before asking: no sidecar, not running. */
function podNotice(pod: PodInfo): string | undefined {
  if (!pod.hasSidecar) return `Pod ${pod.name} has no istio-proxy sidecar, so it has no Envoy configuration.`;
  if (pod.phase !== "Running")
    return `Pod ${pod.name} is ${pod.phase}: its proxy serves no configuration until it runs.`;
  return undefined;
}

const errorTitles: Record<string, string> = {
  forbidden: "No permission",
  proxy_unreachable: "Proxy unreachable",
  no_sidecar: "No sidecar",
  pod_not_running: "Pod not running",
};

function SummaryError({ error }: { error: Error }) {
  const title = error instanceof ApiError ? errorTitles[error.code] : undefined;
  return (
    <Notice tone="error">
      {title && <strong className="mr-1">{title}:</strong>}
      {error.message}
    </Notice>
  );
}

function EnvoyViews({ target }: { target: EnvoyTarget }) {
  const { view, question, update } = useEnvoyUrlState();
  const [filter, setFilter] = useState("");
  const summary = useEnvoySummary(target);
  return (
    <Tabs.Root value={view} onValueChange={(v) => update({ view: v as EnvoyView })} className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Tabs.List aria-label="Envoy configuration" className="flex gap-1">
          {envoyViews.map((v) => (
            <Tabs.Trigger key={v} value={v} className={subTabClass}>
              {viewLabels[v]}
              {summary.data && (
                <span className="ml-1 text-xs text-slate-500">
                  {v === "routes"
                    ? summary.data.routeConfigs.reduce((n, c) => n + c.virtualHosts.length, 0)
                    : summary.data[v].length}
                </span>
              )}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <input
          type="search"
          aria-label="Filter"
          placeholder="Filter by name, cluster, domain…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className={`${controlClass} min-w-64 flex-1`}
        />
        <button
          type="button"
          onClick={() => void summary.refetch()}
          disabled={summary.isFetching}
          className="rounded-md border border-slate-300 px-3 py-1 text-sm disabled:opacity-50 dark:border-slate-700"
        >
          {summary.isFetching ? "Reading…" : "Refresh"}
        </button>
      </div>
      {summary.isPending && <Notice tone="info">Reading the proxy&apos;s configuration through a port-forward…</Notice>}
      {summary.isError && <SummaryError error={summary.error} />}
      <Tabs.Content value="routes" className="space-y-4">
        <RouteMatchPanel target={target} question={question} onAsk={(q) => update({ question: q })} />
        {summary.data && <RoutesView routeConfigs={summary.data.routeConfigs} filter={filter} />}
      </Tabs.Content>
      {summary.data && (
        <>
          <Tabs.Content value="clusters">
            <ClustersTable clusters={summary.data.clusters} filter={filter} />
          </Tabs.Content>
          <Tabs.Content value="listeners">
            <ListenersTable listeners={summary.data.listeners} filter={filter} />
          </Tabs.Content>
          <Tabs.Content value="endpoints">
            {summary.data.endpoints.length === 0 ? (
              <p className="text-sm text-slate-500">
                The dump holds no endpoints (Envoy sends them only with include_eds).
              </p>
            ) : (
              <EndpointsTable endpoints={summary.data.endpoints} filter={filter} />
            )}
          </Tabs.Content>
        </>
      )}
    </Tabs.Root>
  );
}

export function EnvoyTab({
  namespace,
  workload,
  pods,
}: {
  namespace: string;
  workload: string;
  pods: readonly PodInfo[] | undefined;
}) {
  const { pod: wanted, update } = useEnvoyUrlState();
  if (!pods) return <Notice tone="info">Loading pods…</Notice>;
  const pod = defaultPod(pods, wanted);
  if (!pod) return <Notice tone="info">Workload {workload} has no pods, so there is no proxy to read.</Notice>;
  const notice = podNotice(pod);
  return (
    <div className="space-y-4" data-envoy-pod={pod.name}>
      <label className="flex items-center gap-2 text-sm font-medium text-slate-600 dark:text-slate-400">
        Pod
        <select value={pod.name} onChange={(e) => update({ pod: e.target.value })} className={controlClass}>
          {pods.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
              {p.hasSidecar ? "" : " (no sidecar)"}
              {p.phase === "Running" ? "" : ` (${p.phase})`}
            </option>
          ))}
        </select>
      </label>
      {notice ? (
        <Notice tone="info">{notice}</Notice>
      ) : (
        <EnvoyViews key={pod.name} target={{ namespace, workload, pod: pod.name }} />
      )}
    </div>
  );
}
