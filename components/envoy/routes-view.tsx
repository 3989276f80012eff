/**
 * The Envoy tab's routes: route configuration → virtual host → routes in the order Envoy tries them, each with its
 * conditions, what it does, its policies and a link to the VirtualService that produced it. Props only.
 */
import Link from "next/link";
import type { EnvoyRoute, RouteConfig, VirtualHost } from "@/lib/contracts/envoy";
import { objectHref } from "@/components/istio-config/links";
import { cardClass } from "@/components/inventory/item-parts";
import { actionText, clustersOf, matchText, matchesFilter, policyTexts } from "./describe-route";

export function VirtualServiceLink({ route }: { route: EnvoyRoute }) {
  const vs = route.virtualService;
  if (!vs) return <span className="text-slate-500">no VirtualService (Istio&apos;s default)</span>;
  return (
    <Link
      href={objectHref("VirtualService", vs.namespace, vs.name, vs.namespace)}
      className="text-sky-700 hover:underline dark:text-sky-300"
    >
      VirtualService {vs.namespace}/{vs.name}
    </Link>
  );
}

export function RouteLine({ route, index }: { route: EnvoyRoute; index: number }) {
  const policies = policyTexts(route);
  return (
    <div className="space-y-0.5">
      <p className="text-sm">
        <span className="mr-2 font-semibold tabular-nums">{index + 1}.</span>
        {route.name && (
          <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{route.name}</span>
        )}
        <span className="font-mono text-xs">{matchText(route.match)}</span>
      </p>
      <p className="pl-6 font-mono text-xs break-all">→ {actionText(route.action)}</p>
      <p className="flex flex-wrap gap-x-3 pl-6 text-xs text-slate-600 dark:text-slate-400">
        {policies.map((p) => (
          <span key={p}>{p}</span>
        ))}
        <VirtualServiceLink route={route} />
      </p>
    </div>
  );
}

function vhostMatches(vhost: VirtualHost, filter: string): boolean {
  return matchesFilter(filter, [
    vhost.name,
    ...vhost.domains,
    ...vhost.routes.flatMap((r) => [r.name, r.virtualService?.name, ...clustersOf(r.action)]),
  ]);
}

export function RoutesView({ routeConfigs, filter }: { routeConfigs: RouteConfig[]; filter: string }) {
  const shown = routeConfigs
    .map((c) => ({ ...c, virtualHosts: c.virtualHosts.filter((v) => vhostMatches(v, filter)) }))
    .filter((c) => c.virtualHosts.length > 0 || matchesFilter(filter, [c.name]));
  if (shown.length === 0) return <p className="text-sm text-slate-500">Nothing matches the filter.</p>;
  return (
    <div className="space-y-6">
      {shown.map((config) => (
        <section key={config.name} aria-label={`Route configuration ${config.name}`} className="space-y-3">
          <h3 className="text-sm font-semibold">
            Route configuration <span className="font-mono">{config.name}</span>
          </h3>
          {config.virtualHosts.map((vhost) => (
            <article
              key={vhost.name}
              aria-label={`Virtual host ${vhost.name}`}
              data-virtual-host={vhost.name}
              className={`${cardClass} space-y-3`}
            >
              <header className="space-y-1">
                <h4 className="font-mono text-sm font-semibold break-all">{vhost.name}</h4>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  Domains: <span className="font-mono">{vhost.domains.join(", ")}</span>
                </p>
              </header>
              <ol aria-label={`Routes of ${vhost.name}`} className="space-y-2">
                {vhost.routes.map((route, i) => (
                  <li key={i} data-route-index={i}>
                    <RouteLine route={route} index={i} />
                  </li>
                ))}
              </ol>
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
