"use client";

/** One server of a Gateway: port, TLS, hosts with the VirtualServices bound to each, and the credential Secrets. */
import Link from "next/link";
import { objectHref } from "@/components/istio-config/links";
import type { GatewayServerView } from "@/lib/contracts/gateways";
import { SecretFactsPanel } from "./secret-facts-panel";

export function GatewayServerCard({ server, checkedAt }: { server: GatewayServerView; checkedAt: string }) {
  const { port } = server;
  return (
    <section
      aria-label={`Server ${server.index + 1}`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h3 className="font-semibold">
        Port {port.number ?? "?"} {port.protocol ?? ""}
        {port.name ? <span className="font-normal text-slate-500"> · {port.name}</span> : null}
        <span className="ml-2 text-sm font-normal">TLS: {server.tlsMode ?? "none"}</span>
        {server.credentialName && (
          <span className="ml-2 font-mono text-xs font-normal">credentialName: {server.credentialName}</span>
        )}
      </h3>
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-3">Host</th>
            <th className="py-1">Bound VirtualServices</th>
          </tr>
        </thead>
        <tbody>
          {server.hosts.map((h) => (
            <tr key={h.host} className="border-t border-slate-100 dark:border-slate-800">
              <td className="py-1 pr-3 font-mono text-xs">{h.host}</td>
              <td className="py-1">
                {h.virtualServices.length === 0 ? (
                  <span className="text-slate-500">none: requests for this host get 404</span>
                ) : (
                  <ul className="flex flex-wrap gap-x-3">
                    {h.virtualServices.map((vs) => (
                      <li key={`${vs.namespace}/${vs.name}`}>
                        <Link
                          className="text-sky-700 underline dark:text-sky-300"
                          href={objectHref("VirtualService", vs.namespace, vs.name, vs.namespace)}
                        >
                          {vs.namespace}/{vs.name}
                        </Link>{" "}
                        <span className="font-mono text-xs text-slate-500">({vs.hosts.join(", ")})</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(server.credentials.length > 0 || server.caSecrets.length > 0) && (
        <div className="space-y-2 border-t border-slate-100 pt-2 dark:border-slate-800">
          {server.credentials.map((facts) => (
            <SecretFactsPanel
              key={`${facts.namespace}/${facts.name}`}
              facts={facts}
              role="credential"
              checkedAt={checkedAt}
            />
          ))}
          {server.caSecrets.map((facts) => (
            <SecretFactsPanel key={`${facts.namespace}/${facts.name}`} facts={facts} role="CA" checkedAt={checkedAt} />
          ))}
        </div>
      )}
    </section>
  );
}
