/** The traffic tab: inbound and outbound peers with rate, error % and p95. Props only. */
import Link from "next/link";
import type { Traffic, TrafficPeer } from "@/lib/contracts/inventory";
import { tableClass } from "./item-parts";
import { detailHref } from "./links";

function peerLink(peer: TrafficPeer, direction: "inbound" | "outbound") {
  if (peer.name === "unknown" || peer.namespace === "unknown")
    return <span className="text-slate-500">unknown (outside the mesh)</span>;
  const kind = direction === "inbound" ? "workloads" : "services";
  return (
    <Link href={detailHref(kind, peer.namespace, peer.name)} className="text-sky-700 hover:underline dark:text-sky-300">
      {peer.name}
    </Link>
  );
}

const rateText = (p: TrafficPeer) =>
  p.protocol === "tcp"
    ? `${p.rate >= 1024 ? `${(p.rate / 1024).toFixed(1)} KiB/s` : `${p.rate.toFixed(0)} B/s`}`
    : `${p.rate.toFixed(2)} rps`;

function PeerTable({ peers, direction }: { peers: TrafficPeer[]; direction: "inbound" | "outbound" }) {
  const title = direction === "inbound" ? "Inbound: who calls it" : "Outbound: what it calls";
  return (
    <section className="space-y-2">
      <h3 className="text-sm font-semibold">{title}</h3>
      {peers.length === 0 ? (
        <p className="text-sm text-slate-500">No {direction} traffic in this range.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className={tableClass} aria-label={title}>
            <thead>
              <tr>
                <th scope="col">{direction === "inbound" ? "Source workload" : "Destination service"}</th>
                <th scope="col">Namespace</th>
                <th scope="col">{direction === "inbound" ? "App / version" : "Served by"}</th>
                <th scope="col">Protocol</th>
                <th scope="col" className="text-right">
                  Rate
                </th>
                <th scope="col" className="text-right">
                  Errors
                </th>
                <th scope="col" className="text-right">
                  p95
                </th>
              </tr>
            </thead>
            <tbody>
              {peers.map((p) => (
                <tr key={`${p.namespace}/${p.name}/${p.workload ?? ""}/${p.version}/${p.protocol}`}>
                  <td>{peerLink(p, direction)}</td>
                  <td>{p.namespace}</td>
                  <td className="font-mono text-xs">
                    {direction === "inbound" ? `${p.app} ${p.version}` : `${p.workload ?? "unknown"} (${p.version})`}
                  </td>
                  <td className="uppercase">{p.protocol}</td>
                  <td className="text-right tabular-nums">{rateText(p)}</td>
                  <td className={`text-right tabular-nums ${p.errorPct && p.errorPct > 0 ? "text-bad" : ""}`}>
                    {p.errorPct === undefined ? "—" : `${p.errorPct.toFixed(1)} %`}
                  </td>
                  <td className="text-right tabular-nums">
                    {p.p95Ms === undefined ? "—" : `${p.p95Ms.toFixed(0)} ms`}
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

export function TrafficTables({ traffic, directions }: { traffic: Traffic; directions: ("inbound" | "outbound")[] }) {
  return (
    <div className="space-y-4">
      {directions.map((d) => (
        <PeerTable key={d} peers={traffic[d]} direction={d} />
      ))}
    </div>
  );
}
