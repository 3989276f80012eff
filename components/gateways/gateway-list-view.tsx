"use client";

/** The /gateways page: every Gateway of the selected namespaces, with its ports, hosts, TLS modes and findings. */
import Link from "next/link";
import { CheckCounts } from "@/components/istio-config/check-counts";
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";
import { MessageText } from "@/components/ui/message-text";
import { useGateways } from "@/lib/queries/gateways";
import { egressHref, gatewayHref } from "./links";

const cell = "px-3 py-2 align-top";

export function GatewayListView() {
  const [namespaces] = useSelectedNamespaces();
  const query = useGateways(namespaces);
  const gateways = query.data ?? [];
  return (
    <div
      className="flex flex-col gap-4"
      data-testid="gateway-list"
      data-state={
        namespaces.length === 0 ? "no-namespaces" : query.isPending ? "loading" : query.error ? "error" : "loaded"
      }
    >
      <h1 className="text-2xl font-semibold">Gateways</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Traffic leaving the mesh — ServiceEntries, the egress gateway&apos;s routes, TLS origination:{" "}
        <Link className="text-sky-700 underline dark:text-sky-300" href={egressHref(namespaces)}>
          Egress
        </Link>
      </p>
      {namespaces.length === 0 && (
        <p role="status" className="text-sm">
          Choose one or more namespaces with the Namespaces selector at the top of the page to list their Gateways.
        </p>
      )}
      {namespaces.length > 0 && query.isPending && (
        <p role="status">Reading the Gateways of {namespaces.join(", ")}…</p>
      )}
      {query.error && !query.data && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-200">
          <MessageText text={query.error.message} />
        </p>
      )}
      {query.data && gateways.length === 0 && (
        <p role="status" className="text-sm">
          No Gateway in {namespaces.join(", ")}. Expose a service through the ingress gateway from its page (“Expose
          this service”), or create a Gateway in Istio config.
        </p>
      )}
      {gateways.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs text-slate-500 dark:border-slate-800">
              <tr>
                <th className={cell}>Name</th>
                <th className={cell}>Namespace</th>
                <th className={cell}>Ports</th>
                <th className={cell}>Hosts</th>
                <th className={cell}>TLS</th>
                <th className={cell}>Gateway workloads</th>
                <th className={cell}>Validation</th>
              </tr>
            </thead>
            <tbody>
              {gateways.map((g) => (
                <tr key={`${g.namespace}/${g.name}`} className="border-b border-slate-100 dark:border-slate-800">
                  <td className={cell}>
                    <Link className="text-sky-700 underline dark:text-sky-300" href={gatewayHref(g.namespace, g.name)}>
                      {g.name}
                    </Link>
                  </td>
                  <td className={cell}>{g.namespace}</td>
                  <td className={`${cell} font-mono text-xs`}>{g.ports.join(", ")}</td>
                  <td className={`${cell} font-mono text-xs`}>{g.hosts.join(", ")}</td>
                  <td className={cell}>{g.tlsModes.join(", ") || "none"}</td>
                  <td className={cell}>
                    {g.workloads.length === 0 ? (
                      <span className="text-amber-800 dark:text-amber-200">none matches the selector</span>
                    ) : (
                      g.workloads.map((w) => `${w.namespace}/${w.name}`).join(", ")
                    )}
                  </td>
                  <td className={cell}>
                    <CheckCounts errors={g.errors} warnings={g.warnings} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
