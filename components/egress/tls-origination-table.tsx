import type { TlsOrigination } from "@/lib/contracts/egress";
import { cardClass, tableClass } from "@/components/inventory/item-parts";

/** How the proxy checks the outside server's certificate (server/egress/tls-origination.ts). */
const VERIFICATION: Record<TlsOrigination["verification"], (row: TlsOrigination) => string> = {
  caCertificates: (r) => `verified against ${r.caCertificates ?? "a CA file"}`,
  credentialName: (r) => `verified with the CA of Secret ${r.credentialName ?? ""}`,
  systemRoots: () => "verified against the proxy's system CA bundle (no CA given)",
  skipped: () => "not verified (insecureSkipVerify)",
};

function scopeText(scope: TlsOrigination["scope"]): string {
  const parts = [
    ...(scope.subset !== undefined ? [`subset ${scope.subset}`] : []),
    ...(scope.port !== undefined ? [`port ${scope.port}`] : []),
  ];
  return parts.length > 0 ? parts.join(", ") : "all traffic";
}

/** DestinationRules whose proxies open TLS themselves toward the host (Istio's "Egress TLS Origination"). */
export function TlsOriginationTable({ rows }: { rows: TlsOrigination[] }) {
  return (
    <section aria-labelledby="tls-origination-heading" className={cardClass}>
      <h2 id="tls-origination-heading" className="mb-2 text-lg font-medium">
        TLS origination
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">
          No DestinationRule in these namespaces originates TLS (SIMPLE or MUTUAL).
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className={tableClass} data-testid="tls-origination">
            <thead>
              <tr>
                <th>DestinationRule</th>
                <th>Host</th>
                <th>Applies to</th>
                <th>Mode</th>
                <th>SNI</th>
                <th>Server certificate</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.namespace}/${r.name}/${i}`}>
                  <td>
                    {r.name}
                    <div className="text-xs text-slate-500">{r.namespace}</div>
                  </td>
                  <td className="font-mono text-xs">
                    {r.host}
                    {!r.declaredByServiceEntry && (
                      <div className="font-sans text-slate-500">no ServiceEntry declares this host</div>
                    )}
                  </td>
                  <td className="text-xs">{scopeText(r.scope)}</td>
                  <td>{r.mode}</td>
                  <td className="font-mono text-xs">{r.sni ?? "—"}</td>
                  <td className={`text-xs ${r.verification === "skipped" ? "text-amber-800 dark:text-amber-200" : ""}`}>
                    {VERIFICATION[r.verification](r)}
                    {r.subjectAltNames.length > 0 && (
                      <div className="text-slate-500">SANs {r.subjectAltNames.join(", ")}</div>
                    )}
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
