/** One namespace on the Overview. Props only. */
import Link from "next/link";
import type { NamespaceOverview } from "@/lib/contracts/overview";
import { InjectionControl } from "@/components/inventory/injection-control";
import { MissingSidecar, cardClass } from "@/components/inventory/item-parts";
import { graphHref, listHref } from "@/components/inventory/links";
import { formatMetric } from "@/components/metrics/format-metric";
import { Sparkline } from "@/components/metrics/sparkline";
import { StatusDot, type DotState } from "@/components/ui/status-dot";
import { chooseInboundTraffic } from "./inbound-traffic";

const healthWords = [
  { key: "failure", label: "failing", dot: "bad" },
  { key: "degraded", label: "degraded", dot: "warn" },
  { key: "healthy", label: "healthy", dot: "ok" },
  { key: "unknown", label: "unknown (no metrics)", dot: "unknown" },
  { key: "na", label: "no data", dot: "unknown" },
] as const satisfies readonly { key: keyof NamespaceOverview["health"]; label: string; dot: DotState }[];

const injectionWords = { enabled: "enabled", disabled: "disabled", unset: "not labelled" } as const;

function InboundTrafficLine({ ns, minutes }: { ns: NamespaceOverview; minutes: number }) {
  const { line, tcpBesideRequests } = chooseInboundTraffic(ns);
  if (!line) return <p className="text-xs text-slate-500">No inbound traffic in the last {minutes} min</p>;
  return (
    <Sparkline
      points={line.points}
      unit={line.unit}
      label={`${line.what}, last ${minutes} min`}
      {...(tcpBesideRequests !== undefined
        ? { note: `TCP: ${formatMetric("bytesPerSecond", tcpBesideRequests)}` }
        : {})}
    />
  );
}

export function NamespaceCard({ ns, sparklineMinutes }: { ns: NamespaceOverview; sparklineMinutes: number }) {
  const link = "text-sky-700 hover:underline dark:text-sky-300";
  return (
    <article aria-labelledby={`ns-${ns.name}`} className={`${cardClass} flex flex-col gap-3`} data-namespace={ns.name}>
      <header className="flex items-baseline justify-between gap-2">
        <div className="flex items-baseline gap-2">
          <h3 id={`ns-${ns.name}`} className="text-lg font-semibold">
            {ns.name}
          </h3>
          {/* Beside the heading, not in it: the card's accessible name stays the namespace's name. */}
          {ns.controlPlane && (
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">
              control plane
            </span>
          )}
        </div>
        <Link href={graphHref([ns.name])} className={`text-sm ${link}`}>
          Graph
        </Link>
      </header>
      <nav aria-label={`Lists of ${ns.name}`} className="flex flex-wrap gap-3 text-sm">
        <Link href={listHref("applications", [ns.name])} className={link}>
          {ns.counts.applications} applications
        </Link>
        <Link href={listHref("workloads", [ns.name])} className={link}>
          {ns.counts.workloads} workloads
        </Link>
        <Link href={listHref("services", [ns.name])} className={link}>
          {ns.counts.services} services
        </Link>
      </nav>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
        <dt className="text-slate-500">App health</dt>
        <dd>
          <ul className="flex flex-wrap gap-x-3" aria-label="Applications by health">
            {healthWords
              .filter((h) => ns.health[h.key] > 0)
              .map((h) => (
                <li key={h.key} className="inline-flex items-center gap-1">
                  <StatusDot state={h.dot} /> {ns.health[h.key]} {h.label}
                </li>
              ))}
            {ns.counts.applications === 0 && <li className="text-slate-500">no applications</li>}
          </ul>
        </dd>
        <dt className="text-slate-500">Istio config</dt>
        <dd>
          {ns.config.objects} objects
          {ns.config.errors > 0 && <span className="text-bad">, {ns.config.errors} errors</span>}
          {ns.config.warnings > 0 && <span className="text-warn">, {ns.config.warnings} warnings</span>}
          {ns.config.objects > 0 && ns.config.errors + ns.config.warnings === 0 && (
            <span className="text-ok">, all valid</span>
          )}
        </dd>
        <dt className="text-slate-500">Injection</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <span>
            {injectionWords[ns.injection.state]}
            {ns.injection.revision ? ` (revision ${ns.injection.revision})` : ""}
          </span>
          <MissingSidecar pods={ns.injection.podsWithoutSidecar} />
        </dd>
      </dl>
      <InboundTrafficLine ns={ns} minutes={sparklineMinutes} />
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Change sidecar injection</summary>
        <div className="pt-2">
          <InjectionControl
            target={{ kind: "namespace", namespace: ns.name }}
            current={ns.injection.state === "enabled" ? "on" : ns.injection.state === "disabled" ? "off" : "unset"}
            resourceVersion={ns.resourceVersion}
            podsNote={`Pods in ${ns.name} restart so that the new setting applies (${ns.injection.pods} pods now).`}
          />
        </div>
      </details>
    </article>
  );
}
