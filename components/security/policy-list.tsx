"use client";

/** The AuthorizationPolicies that reach a namespace (its own and mesh-wide ones), each opening its detail page. */
import Link from "next/link";
import type { SecurityState } from "@/lib/contracts/security";
import { objectHref } from "@/components/istio-config/links";
import { policyHref } from "./policy-links";

export function PolicyList({ state }: { state: SecurityState }) {
  const policies = state.authorizationPolicies;
  return (
    <section aria-label={`AuthorizationPolicies of ${state.namespace}`} className="flex flex-col gap-2">
      <h3 className="font-semibold">Authorization policies</h3>
      {policies.length === 0 ? (
        <p className="text-sm text-slate-500">None: every caller is allowed.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-medium">Policy</th>
              <th className="py-1 pr-3 font-medium">Action</th>
              <th className="py-1 pr-3 font-medium">Workloads</th>
              <th className="py-1 font-medium">Rules</th>
            </tr>
          </thead>
          <tbody>
            {policies.map((p) => (
              <tr key={`${p.namespace}/${p.name}`} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-1 pr-3">
                  <Link className="underline" href={policyHref(p.namespace, p.name)}>
                    {p.namespace}/{p.name}
                  </Link>
                  <Link
                    className="ml-2 text-xs text-slate-500 hover:underline"
                    href={objectHref("AuthorizationPolicy", p.namespace, p.name, state.namespace)}
                  >
                    YAML
                  </Link>
                  {p.meshWide && <span className="ml-2 text-xs text-slate-500">mesh-wide</span>}
                </td>
                <td className="py-1 pr-3">
                  {p.action}
                  {p.provider ? ` (${p.provider})` : ""}
                </td>
                <td className="py-1 pr-3 text-xs">
                  {Object.entries(p.selector)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(", ") || (p.meshWide ? "all in the mesh" : "all in the namespace")}
                </td>
                <td className="py-1">
                  {p.rules === 0 && p.action === "ALLOW" ? <span className="text-bad">none: denies all</span> : p.rules}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
