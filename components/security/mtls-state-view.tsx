"use client";

/** One namespace's mTLS: the mesh and namespace modes, each workload's, and the DestinationRules that break it. */
import Link from "next/link";
import type { PeerModeDto, SecurityState } from "@/lib/contracts/security";
import { objectHref } from "@/components/istio-config/links";

const modeClass: Record<PeerModeDto, string> = {
  STRICT: "text-emerald-700 dark:text-emerald-400",
  PERMISSIVE: "text-warn",
  DISABLE: "text-bad",
};

function Source({ source }: { source: string | null }) {
  if (!source) return <span className="text-xs text-slate-500">Istio&apos;s default</span>;
  const [namespace = "", name = ""] = source.split("/");
  return (
    <Link className="text-xs underline" href={objectHref("PeerAuthentication", namespace, name, namespace)}>
      {source}
    </Link>
  );
}

export function MtlsStateView({ state }: { state: SecurityState }) {
  return (
    <section aria-label={`mTLS in ${state.namespace}`} className="flex flex-col gap-2">
      <h3 className="font-semibold">Mutual TLS</h3>
      <p className="text-sm">
        Mesh ({state.rootNamespace}): <span className={modeClass[state.mesh.mode]}>{state.mesh.mode}</span>{" "}
        <Source source={state.mesh.source} /> · Namespace:{" "}
        <span className={modeClass[state.namespaceMode.mode]}>{state.namespaceMode.mode}</span>{" "}
        <Source source={state.namespaceMode.source} />
      </p>
      {state.workloads.length === 0 ? (
        <p className="text-sm text-slate-500">No workloads in this namespace.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-medium">Workload</th>
              <th className="py-1 pr-3 font-medium">Accepts</th>
              <th className="py-1 pr-3 font-medium">Ports</th>
              <th className="py-1 font-medium">Conflicts</th>
            </tr>
          </thead>
          <tbody>
            {state.workloads.map((w) => (
              <tr key={w.name} className="border-t border-slate-100 align-top dark:border-slate-800">
                <td className="py-1 pr-3">{w.name}</td>
                <td className="py-1 pr-3">
                  <span className={modeClass[w.mode]}>{w.mode}</span> <Source source={w.source} />
                </td>
                <td className="py-1 pr-3 text-xs">
                  {w.portModes.map((p) => `${p.port}: ${p.mode}`).join(", ") || "—"}
                </td>
                <td className="py-1">
                  {w.conflicts.length === 0 ? (
                    <span className="text-xs text-slate-500">none</span>
                  ) : (
                    <ul className="flex flex-col gap-1">
                      {w.conflicts.map((c) => {
                        const [namespace = "", name = ""] = c.destinationRule.split("/");
                        return (
                          <li key={`${c.destinationRule}/${c.port ?? ""}`} className="text-xs text-bad">
                            <Link
                              className="underline"
                              href={objectHref("DestinationRule", namespace, name, namespace)}
                            >
                              {c.destinationRule}
                            </Link>{" "}
                            (tls {c.clientMode}
                            {c.port ? `, port ${c.port}` : ""}): {c.message}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
