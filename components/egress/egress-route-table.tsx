import Link from "next/link";
import type { EgressRoute } from "@/lib/contracts/egress";
import { gatewayHref } from "@/components/gateways/links";
import { cardClass, tableClass } from "@/components/inventory/item-parts";

function destinationText(d: EgressRoute["destinations"][number]): string {
  return `${d.host}${d.subset ? ` (${d.subset})` : ""}${d.port !== undefined ? `:${d.port}` : ""}${
    d.weight !== undefined ? ` ${d.weight}%` : ""
  }`;
}

/** What the egress gateway does with what the sidecars send it: per Gateway server, the rules that apply there. */
export function EgressRouteTable({ routes }: { routes: EgressRoute[] }) {
  return (
    <section aria-labelledby="egress-routes-heading" className={cardClass}>
      <h2 id="egress-routes-heading" className="mb-2 text-lg font-medium">
        Egress gateway routes
      </h2>
      {routes.length === 0 ? (
        <p className="text-sm text-slate-500">
          No VirtualService in these namespaces routes through a Gateway of an egress gateway: calls leave from each
          sidecar directly.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className={tableClass} data-testid="egress-routes">
            <thead>
              <tr>
                <th>Gateway</th>
                <th>Server</th>
                <th>Hosts</th>
                <th>Match</th>
                <th>Destination</th>
                <th>VirtualService</th>
              </tr>
            </thead>
            <tbody>
              {routes.map((r, i) => (
                <tr key={`${r.virtualService.namespace}/${r.virtualService.name}/${r.server.port ?? ""}/${i}`}>
                  <td>
                    <Link
                      className="text-sky-700 underline dark:text-sky-300"
                      href={gatewayHref(r.gateway.namespace, r.gateway.name)}
                    >
                      {r.gateway.namespace}/{r.gateway.name}
                    </Link>
                    <div className="text-xs text-slate-500">{r.gatewayWorkloads.join(", ")}</div>
                  </td>
                  <td className="font-mono text-xs">
                    {r.server.port ?? "?"} {r.server.protocol}
                    {r.server.tlsMode && <div className="text-slate-500">TLS {r.server.tlsMode}</div>}
                  </td>
                  <td className="font-mono text-xs">{r.hosts.join(", ")}</td>
                  <td className="text-xs">
                    {r.kind} {r.match.length > 0 ? r.match.join("; ") : "any"}
                  </td>
                  <td className="font-mono text-xs">
                    {r.destinations.map((d, k) => (
                      <div key={k}>{destinationText(d)}</div>
                    ))}
                  </td>
                  <td>
                    {r.virtualService.name}
                    <div className="text-xs text-slate-500">{r.virtualService.namespace}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
