import type { ServiceEntryRow } from "@/lib/contracts/egress";
import { cardClass, tableClass } from "@/components/inventory/item-parts";

function portText(p: ServiceEntryRow["ports"][number]): string {
  const target = p.targetPort !== undefined ? ` → ${p.targetPort}` : "";
  return `${p.number}${target} ${p.protocol || "?"}${p.name ? ` (${p.name})` : ""}`;
}

/** The outside (and mesh-internal) hosts ServiceEntries register, with how they resolve and who sees them. */
export function ServiceEntryTable({ entries }: { entries: ServiceEntryRow[] }) {
  return (
    <section aria-labelledby="service-entries-heading" className={cardClass}>
      <h2 id="service-entries-heading" className="mb-2 text-lg font-medium">
        ServiceEntries
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">
          No ServiceEntry in these namespaces: outside hosts follow the outbound traffic policy.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className={tableClass} data-testid="service-entries">
            <thead>
              <tr>
                <th>Name</th>
                <th>Hosts</th>
                <th>Ports</th>
                <th>Resolution</th>
                <th>Location</th>
                <th>Exported to</th>
                <th>Endpoints</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={`${e.namespace}/${e.name}`} data-service-entry={e.name}>
                  <td>
                    {e.name}
                    <div className="text-xs text-slate-500">{e.namespace}</div>
                  </td>
                  <td className="font-mono text-xs">
                    {e.hosts.join(", ")}
                    {e.addresses.length > 0 && <div className="text-slate-500">{e.addresses.join(", ")}</div>}
                  </td>
                  <td className="font-mono text-xs">
                    {e.ports.map((p) => (
                      <div key={p.number}>{portText(p)}</div>
                    ))}
                    {e.routesBySni && <div className="font-sans text-slate-500">TLS from the app: routed by SNI</div>}
                  </td>
                  <td>{e.resolution}</td>
                  <td>{e.location}</td>
                  <td className="font-mono text-xs">{e.exportTo.join(", ")}</td>
                  <td className="font-mono text-xs">
                    {e.endpoints.length === 0
                      ? "—"
                      : e.endpoints.map((ep) => (
                          <div key={ep.address}>
                            {ep.address}
                            {Object.keys(ep.ports).length > 0 &&
                              ` (${Object.entries(ep.ports)
                                .map(([name, port]) => `${name} ${port}`)
                                .join(", ")})`}
                          </div>
                        ))}
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
