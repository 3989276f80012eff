/**
 * Where a hop's requests go: one row per destination with its share, the pods that would
 * answer, and what the wire and the destination do to the request (traffic policy, TLS mode,
 * authorization). A refusal (TLS not accepted, authorization deny, no pods) is written out,
 * never shown by colour alone.
 */
import { tableClass } from "@/components/inventory/item-parts";
import type { DestinationOutcome } from "@/lib/contracts/request-explanation";
import { formatPercent } from "@/lib/graph-view/edge-labels";
import { ConfigRefLinks } from "./config-ref-link";

function Pods({ pods }: { pods: DestinationOutcome["pods"] }) {
  if (pods.length === 0) return <span className="font-medium text-bad">no pods (Envoy answers 503 UH)</span>;
  const ready = pods.filter((p) => p.ready).length;
  return (
    <>
      <span>
        {ready} of {pods.length} ready
      </span>
      <ul className="text-xs">
        {pods.map((p) => (
          <li key={p.name} className="font-mono">
            {p.name}
            {!p.ready && <span className="font-sans text-bad"> (not ready)</span>}
            {!p.hasSidecar && <span className="font-sans text-warn"> (no sidecar)</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

function TrafficPolicy({ policy }: { policy: DestinationOutcome["trafficPolicy"] }) {
  return (
    <>
      <p>Load balancer: {policy.loadBalancer}</p>
      <p>Connection pool: {policy.connectionPool ?? "Envoy's defaults"}</p>
      <p>Outlier detection: {policy.outlierDetection ?? "none"}</p>
      <ConfigRefLinks refs={policy.refs} />
    </>
  );
}

function Tls({ tls }: { tls: DestinationOutcome["tls"] }) {
  return (
    <>
      <p>
        <span className="font-mono">{tls.mode}</span>,{" "}
        {tls.accepted ? (
          <span className="text-ok">accepted</span>
        ) : (
          <span className="font-medium text-bad">refused by the destination</span>
        )}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">{tls.reason}</p>
      <ConfigRefLinks refs={tls.refs} />
    </>
  );
}

function Authorization({ authorization: a }: { authorization: DestinationOutcome["authorization"] }) {
  return (
    <>
      <p>
        {a.verdict === "allow" ? (
          <span className="text-ok">allowed</span>
        ) : (
          <span className="font-medium text-bad">denied (403)</span>
        )}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">{a.reason}</p>
      <ConfigRefLinks refs={a.refs} />
    </>
  );
}

export function DestinationTable({ destinations }: { destinations: readonly DestinationOutcome[] }) {
  return (
    <table className={tableClass} aria-label="Destinations">
      <thead>
        <tr>
          <th scope="col">Destination</th>
          <th scope="col">Share</th>
          <th scope="col">Pods</th>
          <th scope="col">Traffic policy</th>
          <th scope="col">TLS on the wire</th>
          <th scope="col">Authorization</th>
        </tr>
      </thead>
      <tbody>
        {destinations.map((d) => (
          <tr
            key={`${d.host}/${d.subset ?? ""}/${d.port ?? ""}`}
            className="align-top"
            data-testid="destination"
            data-subset={d.subset ?? ""}
          >
            <th scope="row" className="border-t border-slate-200 text-left font-normal dark:border-slate-800">
              <span className="font-mono text-sm text-slate-900 dark:text-slate-100">
                {d.host}
                {d.port === undefined ? "" : `:${d.port}`}
              </span>
              <span className="block text-sm text-slate-900 dark:text-slate-100">
                {d.subset ? `subset ${d.subset}` : "every version"}
              </span>
              {d.problem && <span className="block text-sm font-medium text-bad">Problem: {d.problem}</span>}
            </th>
            <td className="tabular-nums" data-testid="destination-share">
              {formatPercent(d.probability * 100)}
            </td>
            <td>
              <Pods pods={d.pods} />
            </td>
            <td>
              <TrafficPolicy policy={d.trafficPolicy} />
            </td>
            <td>
              <Tls tls={d.tls} />
            </td>
            <td>
              <Authorization authorization={d.authorization} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
