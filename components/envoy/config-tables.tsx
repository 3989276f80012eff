/** The Envoy tab's flat views — clusters, listeners, endpoints — as filtered tables. Props only. */
import Link from "next/link";
import type { ReactNode } from "react";
import type { EnvoyCluster, EnvoyEndpoint, EnvoyListener } from "@/lib/contracts/envoy";
import { objectHref } from "@/components/istio-config/links";
import { tableClass } from "@/components/inventory/item-parts";
import { matchesFilter } from "./describe-route";

function TableFrame({ label, empty, children }: { label: string; empty: boolean; children: ReactNode }) {
  if (empty) return <p className="text-sm text-slate-500">Nothing matches the filter.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className={tableClass} aria-label={label}>
        {children}
      </table>
    </div>
  );
}

const limitText = (n: number | undefined) => (n === undefined ? undefined : n >= 4294967295 ? "∞" : String(n));

function policyOf(c: EnvoyCluster): string[] {
  const out: string[] = [];
  const cb = c.circuitBreaker;
  if (cb) {
    const parts = [
      ["conn", limitText(cb.maxConnections)],
      ["pending", limitText(cb.maxPendingRequests)],
      ["req", limitText(cb.maxRequests)],
      ["retries", limitText(cb.maxRetries)],
    ].filter(([, v]) => v !== undefined && v !== "∞");
    if (parts.length > 0) out.push(`limits ${parts.map(([k, v]) => `${k} ${v}`).join(", ")}`);
  }
  const od = c.outlierDetection;
  if (od) {
    const parts = [
      od.consecutive5xx !== undefined && `${od.consecutive5xx}× 5xx`,
      od.consecutiveGatewayFailure !== undefined && `${od.consecutiveGatewayFailure}× gateway errors`,
      od.interval && `every ${od.interval}`,
      od.baseEjectionTime && `eject ${od.baseEjectionTime}`,
      od.maxEjectionPercent !== undefined && `max ${od.maxEjectionPercent}%`,
    ].filter(Boolean);
    out.push(`outlier detection ${parts.join(", ")}`);
  }
  return out;
}

export function ClustersTable({ clusters, filter }: { clusters: EnvoyCluster[]; filter: string }) {
  const shown = clusters.filter((c) => matchesFilter(filter, [c.name, c.type, c.destinationRule?.name]));
  return (
    <TableFrame label="Clusters" empty={shown.length === 0}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Direction</th>
          <th scope="col">Port</th>
          <th scope="col">Subset</th>
          <th scope="col">Type</th>
          <th scope="col">DestinationRule</th>
          <th scope="col">Traffic policy</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((c) => (
          <tr key={c.name} data-cluster={c.name}>
            <td className="font-mono text-xs break-all">{c.name}</td>
            <td>{c.direction}</td>
            <td className="tabular-nums">{c.port ?? "—"}</td>
            <td>{c.subset ?? "—"}</td>
            <td className="font-mono text-xs">{c.type}</td>
            <td>
              {c.destinationRule ? (
                <Link
                  href={objectHref(
                    "DestinationRule",
                    c.destinationRule.namespace,
                    c.destinationRule.name,
                    c.destinationRule.namespace,
                  )}
                  className="text-sky-700 hover:underline dark:text-sky-300"
                >
                  {c.destinationRule.namespace}/{c.destinationRule.name}
                </Link>
              ) : (
                "—"
              )}
            </td>
            <td className="text-xs">{policyOf(c).join("; ") || "—"}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

export function ListenersTable({ listeners, filter }: { listeners: EnvoyListener[]; filter: string }) {
  const shown = listeners.filter((l) => matchesFilter(filter, [l.name, l.address, String(l.port), ...l.routeConfigs]));
  return (
    <TableFrame label="Listeners" empty={shown.length === 0}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Address</th>
          <th scope="col">Port</th>
          <th scope="col" className="text-right">
            Filter chains
          </th>
          <th scope="col">Route configurations</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((l) => (
          <tr key={`${l.name}/${l.state}`}>
            <td className="font-mono text-xs">{l.name}</td>
            <td className="font-mono text-xs">{l.address}</td>
            <td className="tabular-nums">{l.port ?? "—"}</td>
            <td className="text-right tabular-nums">{l.filterChains}</td>
            <td className="font-mono text-xs">{l.routeConfigs.join(", ") || "—"}</td>
            <td className={l.state === "active" ? "" : "text-warn"}>{l.state}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

const healthClass: Record<string, string> = { HEALTHY: "text-ok", UNHEALTHY: "text-bad", DRAINING: "text-warn" };

export function EndpointsTable({ endpoints, filter }: { endpoints: EnvoyEndpoint[]; filter: string }) {
  const shown = endpoints.filter((e) => matchesFilter(filter, [e.cluster, e.address, e.health]));
  return (
    <TableFrame label="Endpoints" empty={shown.length === 0}>
      <thead>
        <tr>
          <th scope="col">Cluster</th>
          <th scope="col">Address</th>
          <th scope="col">Health</th>
          <th scope="col" className="text-right">
            Weight
          </th>
          <th scope="col">Locality</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((e, i) => (
          <tr key={`${e.cluster}/${e.address}:${e.port ?? ""}/${i}`}>
            <td className="font-mono text-xs break-all">{e.cluster}</td>
            <td className="font-mono text-xs">
              {e.address}
              {e.port === undefined ? "" : `:${e.port}`}
            </td>
            <td className={healthClass[e.health] ?? ""}>{e.health}</td>
            <td className="text-right tabular-nums">{e.weight ?? "—"}</td>
            <td className="text-xs">{e.locality ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
