"use client";

/**
 * A detail page (application, workload or service): header with health, then Radix tabs —
 * overview (with a small graph focused on the item), traffic, inbound and outbound
 * metrics, traces, and a workload's logs (components/logs) and Envoy config (components/envoy).
 * The tab and the range are in the URL. Each tab fetches only while shown. A service also gets
 * its actions (routing wizards, starting an experiment).
 */
import { Tabs } from "radix-ui";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ApplicationDetail, InventoryKind, ServiceDetail, WorkloadDetail } from "@/lib/contracts/inventory";
import { metricRanges, type MetricDirection } from "@/lib/contracts/metrics";
import { useInventoryDetail, useTraffic } from "@/lib/queries/inventory";
import { useMetrics } from "@/lib/queries/metrics";
import { HealthText } from "@/components/graph/panel-parts";
import { LogsTab } from "@/components/logs/logs-tab";
import { MetricsPanel } from "@/components/metrics/metrics-panel";
import { ChartsWithChanges } from "@/components/changes/charts-with-changes";
import { changeTargetKindOf } from "@/lib/contracts/changes";
import { EnvoyTab } from "@/components/envoy/envoy-tab";
import { TracesTab } from "@/components/traces/traces-tab";
import { ApplicationOverview, ServiceOverview, WorkloadOverview } from "./detail-sections";
import { FocusedGraph } from "./focused-graph";
import { Notice } from "./item-parts";
import { ServiceActions } from "./service-actions";
import { kindLabels, listHref } from "./links";
import { TrafficTables } from "./traffic-table";
import { useDetailUrlState, type DetailTab } from "./use-detail-url-state";

/** Which directions each kind has: a service originates no requests. */
const directionsOf: Record<InventoryKind, MetricDirection[]> = {
  applications: ["inbound", "outbound"],
  workloads: ["inbound", "outbound"],
  services: ["inbound"],
};

/** Tabs about a workload's pods. */
const workloadOnlyTabs: ReadonlySet<DetailTab> = new Set(["logs", "envoy"]);

const rangeLabel = (s: number) => (s >= 3600 ? `${s / 3600} h` : `${s / 60} min`);

function MetricsTab({
  kind,
  namespace,
  name,
  direction,
  range,
  active,
}: {
  kind: InventoryKind;
  namespace: string;
  name: string;
  direction: MetricDirection;
  range: number;
  active: boolean;
}) {
  const metrics = useMetrics({ kind, namespace, name, direction, range }, active);
  if (metrics.isPending) return <Notice tone="info">Loading charts…</Notice>;
  if (metrics.isError) return <Notice tone="error">{metrics.error.message}</Notice>;
  return (
    <ChartsWithChanges
      params={{ namespace, target: { kind: changeTargetKindOf[kind], name }, window: { last: range } }}
    >
      {(markers, onMarkerSelect) => (
        <MetricsPanel metrics={metrics.data} markers={markers} onMarkerSelect={onMarkerSelect} />
      )}
    </ChartsWithChanges>
  );
}

function TrafficTab({
  kind,
  namespace,
  name,
  range,
  active,
}: {
  kind: InventoryKind;
  namespace: string;
  name: string;
  range: number;
  active: boolean;
}) {
  const traffic = useTraffic(kind, namespace, name, range, active);
  if (traffic.isPending) return <Notice tone="info">Loading traffic…</Notice>;
  if (traffic.isError) return <Notice tone="error">{traffic.error.message}</Notice>;
  return <TrafficTables traffic={traffic.data} directions={directionsOf[kind]} />;
}

function OverviewBody({
  kind,
  data,
}: {
  kind: InventoryKind;
  data: ApplicationDetail | WorkloadDetail | ServiceDetail;
}) {
  if (kind === "workloads") return <WorkloadOverview detail={data as WorkloadDetail} />;
  if (kind === "services") return <ServiceOverview detail={data as ServiceDetail} />;
  return <ApplicationOverview detail={data as ApplicationDetail} />;
}

const tabClass =
  "rounded-t-md border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:border-sky-600 data-[state=active]:text-sky-800 dark:text-slate-400 dark:hover:text-slate-100 dark:data-[state=active]:text-sky-200";

export function DetailView({ kind, namespace, name }: { kind: InventoryKind; namespace: string; name: string }) {
  const detail = useInventoryDetail(kind, namespace, name);
  // The detail shape follows `kind`; the generic is lost through TanStack's options, so name the union once here.
  const data = detail.data as ApplicationDetail | WorkloadDetail | ServiceDetail | undefined;
  const { tab, range, update } = useDetailUrlState();
  const label = kindLabels[kind];
  const directions = directionsOf[kind];
  const shownTab: DetailTab =
    (tab === "outbound" && !directions.includes("outbound")) || (workloadOnlyTabs.has(tab) && kind !== "workloads")
      ? "overview"
      : tab;
  const tabs: { value: DetailTab; label: string; body: ReactNode }[] = [
    {
      value: "overview",
      label: "Overview",
      body: data && (
        // The graph's column grows with the page: at a fixed 28rem its labels were too small to read.
        <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(28rem,42%)]">
          <OverviewBody kind={kind} data={data} />
          <FocusedGraph kind={kind} namespace={namespace} name={name} />
        </div>
      ),
    },
    {
      value: "traffic",
      label: "Traffic",
      body: <TrafficTab kind={kind} namespace={namespace} name={name} range={range} active={shownTab === "traffic"} />,
    },
    ...directions.map((d) => ({
      value: d,
      label: d === "inbound" ? "Inbound metrics" : "Outbound metrics",
      body: (
        <MetricsTab kind={kind} namespace={namespace} name={name} direction={d} range={range} active={shownTab === d} />
      ),
    })),
    {
      value: "traces",
      label: "Traces",
      body: <TracesTab kind={kind} namespace={namespace} name={name} range={range} active={shownTab === "traces"} />,
    },
    // Logs and Envoy config are a pod's: only workloads have them (issue 18). The range is how far back logs are read.
    ...(kind === "workloads"
      ? [
          {
            value: "logs" as const,
            label: "Logs",
            body: <LogsTab namespace={namespace} workload={name} sinceSeconds={range} active={shownTab === "logs"} />,
          },
          {
            value: "envoy" as const,
            label: "Envoy",
            body: shownTab === "envoy" && (
              <EnvoyTab namespace={namespace} workload={name} pods={(data as WorkloadDetail | undefined)?.pods} />
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="mx-auto max-w-7xl space-y-4" data-detail-kind={kind}>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
        <Link href={listHref(kind, [namespace])} className="text-sky-700 hover:underline dark:text-sky-300">
          {label.plural}
        </Link>{" "}
        / {namespace} / {name}
      </nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          <span className="sr-only">{label.singular} </span>
          {name}
        </h1>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium dark:bg-slate-800">{label.singular}</span>
        {data && <HealthText status={data.item.health.status} />}
      </header>
      {kind === "services" && <ServiceActions namespace={namespace} service={name} />}
      {detail.isPending && <Notice tone="info">Loading {label.singular.toLowerCase()}…</Notice>}
      {detail.isError && <Notice tone="error">{detail.error.message}</Notice>}
      {data?.metricsError && <Notice tone="info">Health shows replicas only: {data.metricsError}</Notice>}
      <Tabs.Root value={shownTab} onValueChange={(v) => update({ tab: v as DetailTab })} className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 dark:border-slate-800">
          <Tabs.List aria-label={`${label.singular} ${name}`} className="flex gap-1">
            {tabs.map((t) => (
              <Tabs.Trigger key={t.value} value={t.value} className={tabClass}>
                {t.label}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {shownTab !== "overview" && shownTab !== "envoy" && (
            <label className="mb-1 flex items-center gap-2 text-xs font-medium text-slate-600 dark:text-slate-400">
              Range
              <select
                value={range}
                onChange={(e) => update({ range: Number(e.target.value) })}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
              >
                {metricRanges.map((r) => (
                  <option key={r} value={r}>
                    Last {rangeLabel(r)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {tabs.map((t) => (
          <Tabs.Content key={t.value} value={t.value}>
            {t.body}
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </div>
  );
}
