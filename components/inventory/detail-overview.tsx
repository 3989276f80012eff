/**
 * The detail page's overview tab: health, labels, pods with containers and sidecar, ports,
 * versions and subsets, and the Istio config that refers to the item with its validation
 * state. Props only.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import type { ConfigRef, Health, PodInfo, ServiceItem, SubsetInfo, WorkloadItem } from "@/lib/contracts/inventory";
import { HealthText } from "@/components/graph/panel-parts";
import { ConfigState, LabelList, MissingSidecar, OutOfMesh, SidecarState, tableClass } from "./item-parts";
import { detailHref } from "./links";

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Table({ label, headers, children }: { label: string; headers: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className={tableClass} aria-label={label}>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function HealthFacts({ health }: { health: Health }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      <dt className="text-slate-500">Status</dt>
      <dd>
        <HealthText status={health.status} />
        {health.reasons.length > 0 && (
          <span className="ml-2 text-slate-600 dark:text-slate-400">{health.reasons.join("; ")}</span>
        )}
      </dd>
      {health.requests && (
        <>
          <dt className="text-slate-500">Inbound (5 min)</dt>
          <dd className="tabular-nums">
            {health.requests.rate.toFixed(2)} rps, {health.requests.errorPct.toFixed(1)} % errors
          </dd>
        </>
      )}
      {health.replicas && (
        <>
          <dt className="text-slate-500">Replicas</dt>
          <dd className="tabular-nums">
            {health.replicas.available}/{health.replicas.desired} available
          </dd>
        </>
      )}
    </dl>
  );
}

export function PodsTable({ pods }: { pods: PodInfo[] }) {
  if (pods.length === 0) return <p className="text-sm text-slate-500">No pods.</p>;
  return (
    <Table label="Pods" headers={["Pod", "Workload", "Status", "Containers", "Sidecar"]}>
      {pods.map((p) => (
        <tr key={p.name}>
          <td className="font-mono text-xs">{p.name}</td>
          <td>{p.workload}</td>
          <td>
            {p.phase}
            {p.phase === "Running" && !p.ready ? " (not ready)" : ""}
          </td>
          <td>
            <ul className="space-y-0.5">
              {p.containers.map((c) => (
                <li key={c.name} className="font-mono text-xs">
                  {c.name} <span className="text-slate-500">{c.image}</span> {c.ready ? "ready" : "not ready"}
                  {c.restarts > 0 ? `, ${c.restarts} restarts` : ""}
                </li>
              ))}
            </ul>
          </td>
          <td>
            {p.hasSidecar ? (
              <span className="text-ok">istio-proxy</span>
            ) : p.optsOutOfInjection ? (
              <OutOfMesh pods={1} />
            ) : (
              <MissingSidecar pods={1} />
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function ConfigTable({ refs }: { refs: ConfigRef[] }) {
  if (refs.length === 0)
    return <p className="text-sm text-slate-500">No VirtualService, DestinationRule or Gateway refers to it.</p>;
  return (
    <Table label="Istio config" headers={["Kind", "Namespace", "Name", "Validation", "Findings"]}>
      {refs.map((r) => (
        <tr key={`${r.kind}/${r.namespace}/${r.name}`}>
          <td>{r.kind}</td>
          <td>{r.namespace}</td>
          <td className="font-medium">{r.name}</td>
          <td>
            <ConfigState config={r} />
          </td>
          <td>
            <ul className="space-y-0.5 text-xs">
              {r.messages.map((m, i) => (
                <li key={i}>
                  <span className={m.severity === "error" ? "text-bad" : m.severity === "warning" ? "text-warn" : ""}>
                    {m.code}
                  </span>{" "}
                  {m.message} <span className="font-mono text-slate-500">{m.path}</span>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function SubsetsTable({ subsets }: { subsets: SubsetInfo[] }) {
  if (subsets.length === 0) return <p className="text-sm text-slate-500">No DestinationRule subsets.</p>;
  return (
    <Table label="Subsets" headers={["Subset", "DestinationRule", "Labels", "Selects"]}>
      {subsets.map((s) => (
        <tr key={`${s.destinationRule}/${s.name}`}>
          <td className="font-medium">{s.name}</td>
          <td>{s.destinationRule}</td>
          <td>
            <LabelList labels={s.labels} />
          </td>
          <td>
            {s.workloads.length > 0 ? (
              s.workloads.join(", ")
            ) : (
              <span className="text-bad">no workload (requests get 503 UH)</span>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function WorkloadsTable({ workloads }: { workloads: WorkloadItem[] }) {
  if (workloads.length === 0) return <p className="text-sm text-slate-500">No workloads.</p>;
  return (
    <Table label="Workloads" headers={["Workload", "Version", "Health", "Pods ready", "Sidecar"]}>
      {workloads.map((w) => (
        <tr key={w.name}>
          <td>
            <Link
              href={detailHref("workloads", w.namespace, w.name)}
              className="text-sky-700 hover:underline dark:text-sky-300"
            >
              {w.name}
            </Link>
          </td>
          <td className="font-mono text-xs">{w.version}</td>
          <td>
            <HealthText status={w.health.status} />
          </td>
          <td className="tabular-nums">
            {w.availableReplicas}/{w.desiredReplicas}
          </td>
          <td>
            <SidecarState missing={w.podsWithoutSidecar} outOfMesh={w.podsOutOfMesh} />
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function ServicesList({
  services,
  namespace,
}: {
  services: Pick<ServiceItem, "name" | "ports">[] | string[];
  namespace: string;
}) {
  if (services.length === 0) return <p className="text-sm text-slate-500">No service selects it.</p>;
  return (
    <ul className="flex flex-wrap gap-2 text-sm">
      {services.map((s) => {
        const name = typeof s === "string" ? s : s.name;
        return (
          <li key={name}>
            <Link
              href={detailHref("services", namespace, name)}
              className="text-sky-700 hover:underline dark:text-sky-300"
            >
              {name}
            </Link>
            {typeof s !== "string" && (
              <span className="ml-1 font-mono text-xs text-slate-500">
                {s.ports.map((p) => `${p.port}/${p.protocol}`).join(", ")}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function PortsTable({ ports }: { ports: ServiceItem["ports"] }) {
  return (
    <Table label="Ports" headers={["Name", "Port", "Protocol", "Target port", "App protocol"]}>
      {ports.map((p) => (
        <tr key={`${p.port}/${p.protocol}`}>
          <td>{p.name ?? "—"}</td>
          <td className="tabular-nums">{p.port}</td>
          <td>{p.protocol}</td>
          <td>{p.targetPort ?? "—"}</td>
          <td>{p.appProtocol ?? "—"}</td>
        </tr>
      ))}
    </Table>
  );
}
