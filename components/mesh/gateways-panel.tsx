import Link from "next/link";
import type { MeshGateway } from "@/lib/contracts/mesh";
import { cardClass } from "@/components/inventory/item-parts";
import { StatusDot } from "@/components/ui/status-dot";

/** The mesh's ingress and egress gateways: their pods, and how their Services are reached. */
export function GatewaysPanel({ gateways }: { gateways: MeshGateway[] }) {
  return (
    <section aria-labelledby="gateways-heading" className={cardClass}>
      <h2 id="gateways-heading" className="mb-2 text-lg font-medium">
        Gateways
      </h2>
      {gateways.length === 0 && <p className="text-sm text-slate-500">No ingress or egress gateway.</p>}
      <ul className="space-y-3 text-sm" data-testid="mesh-gateways">
        {gateways.map((g) => {
          const ready = g.pods.filter((p) => p.ready).length;
          return (
            <li key={`${g.namespace}/${g.name}`} data-gateway={g.name}>
              <div className="flex items-center gap-2">
                <StatusDot state={ready === g.pods.length && ready > 0 ? "ok" : "bad"} />
                <span className="font-medium">{g.name}</span>
                <span className="text-slate-500">
                  {g.kind}, {ready}/{g.pods.length} pods ready
                </span>
                {g.kind === "egress" && (
                  <Link className="text-sky-700 underline dark:text-sky-300" href="/egress">
                    routes and ServiceEntries
                  </Link>
                )}
              </div>
              {g.services.map((s) => (
                <p key={s.name} className="ml-5 text-xs text-slate-600 dark:text-slate-400">
                  Service {s.name} ({s.type}):{" "}
                  {s.ports.map((p) => (p.name ? `${p.name} ${p.port}` : p.port)).join(", ")}
                  {s.type === "LoadBalancer" &&
                    (s.externalAddresses.length > 0
                      ? ` — external ${s.externalAddresses.join(", ")}`
                      : " — external address pending")}
                </p>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
