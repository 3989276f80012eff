/**
 * The explanation hop by hop, as an indented tree: the request as asked at the top, and under
 * each hop the calls its destination's app is known to make (`parent` links them). Each hop
 * reads top to bottom in the order the proxy decides: gateway server, VirtualService and its
 * rules, the outcome, the destinations, then the route's timeout, retries, fault and mirrors.
 */
import type { Hop, RequestExplanation } from "@/lib/contracts/request-explanation";
import { ConfigRefLink } from "./config-ref-link";
import { DestinationTable } from "./destination-table";
import { HopRules } from "./hop-rules";
import { RouteSettings } from "./route-settings";

/** Hops by parent id (`""`: the roots), in the answer's own order. A parent the answer lacks makes its hop a root. */
function childrenByParent(hops: readonly Hop[]): Map<string, Hop[]> {
  const ids = new Set(hops.map((h) => h.id));
  const byParent = new Map<string, Hop[]>();
  for (const hop of hops) {
    const parent = hop.parent && ids.has(hop.parent) ? hop.parent : "";
    byParent.set(parent, [...(byParent.get(parent) ?? []), hop]);
  }
  return byParent;
}

const headingTags = ["h2", "h3", "h4", "h5", "h6"] as const;

function pathLine(hop: Hop): string {
  const port = `:${hop.request.port}`;
  return `${hop.source.workload} → ${hop.request.host}${port} ${hop.request.method} ${hop.request.path}`;
}

function HopBody({ hop }: { hop: Hop }) {
  const headers = Object.entries(hop.request.headers);
  const failed = hop.outcome !== "route";
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        From {hop.source.isGateway ? "the gateway workload" : "workload"} {hop.source.namespace}/{hop.source.workload}
        {headers.length > 0 && (
          <>
            , with headers{" "}
            {headers.map(([name, value], i) => (
              <span key={name}>
                {i > 0 && ", "}
                <code className="font-mono">
                  {name}: {value}
                </code>
              </span>
            ))}
          </>
        )}
      </p>
      {hop.gatewayServer && (
        <p className="text-sm">
          <span className="font-medium">Gateway server: </span>
          <ConfigRefLink configRef={hop.gatewayServer.ref}>
            server {hop.gatewayServer.index} of Gateway {hop.gatewayServer.ref.namespace}/{hop.gatewayServer.ref.name}
          </ConfigRefLink>{" "}
          (hosts {hop.gatewayServer.hosts.join(", ")})
        </p>
      )}
      <p className="text-sm">
        <span className="font-medium">VirtualService: </span>
        {hop.virtualService ? (
          <ConfigRefLink configRef={hop.virtualService} />
        ) : (
          "none applies to this host, so Istio's default route sends the request to the service's pods"
        )}
      </p>
      {hop.rules.length > 0 && <HopRules rules={hop.rules} />}
      <p
        data-testid="hop-summary"
        className={`text-sm font-medium ${failed ? "text-bad" : ""}`}
        role={failed ? "alert" : undefined}
      >
        {hop.summary}
        {hop.outcome === "directResponse" && hop.status !== undefined && ` (HTTP ${hop.status})`}
      </p>
      {hop.destinations.length > 0 && (
        <div className="overflow-x-auto">
          <DestinationTable destinations={hop.destinations} />
        </div>
      )}
      {hop.outcome === "route" && <RouteSettings hop={hop} />}
    </div>
  );
}

function HopNode({ hop, depth, byParent }: { hop: Hop; depth: number; byParent: Map<string, Hop[]> }) {
  const Heading = headingTags[Math.min(depth, headingTags.length - 1)] ?? "h6";
  const children = byParent.get(hop.id) ?? [];
  const headingId = `hop-${hop.id}`;
  return (
    <li data-testid="hop" data-hop={hop.id} data-outcome={hop.outcome}>
      <section
        aria-labelledby={headingId}
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        <Heading id={headingId} className="font-mono text-base font-semibold break-all">
          {pathLine(hop)}
        </Heading>
        <HopBody hop={hop} />
      </section>
      {children.length > 0 && (
        <ol
          aria-label={`Calls ${hop.request.host.split(".")[0] ?? hop.request.host} makes next`}
          className="mt-3 space-y-3 border-l-2 border-slate-300 pl-6 dark:border-slate-700"
        >
          {children.map((child) => (
            <HopNode key={child.id} hop={child} depth={depth + 1} byParent={byParent} />
          ))}
        </ol>
      )}
    </li>
  );
}

export function HopTree({ explanation }: { explanation: RequestExplanation }) {
  const byParent = childrenByParent(explanation.hops);
  return (
    <div className="space-y-2">
      <ol aria-label="Hops" className="space-y-3">
        {(byParent.get("") ?? []).map((hop) => (
          <HopNode key={hop.id} hop={hop} depth={0} byParent={byParent} />
        ))}
      </ol>
      {explanation.hops.length > 1 && <p className="text-xs text-slate-500">Next hops: {explanation.nextHopSource}</p>}
    </div>
  );
}
