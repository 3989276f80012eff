/**
 * The columns of each inventory list, as data: a new column is a new row. Each list starts
 * with name, namespace and health and ends with the missing sidecar flag, the Istio config
 * referring to the item and its labels.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import type { ApplicationItem, InventoryKind, ServiceItem, WorkloadItem } from "@/lib/contracts/inventory";
import { HealthText } from "@/components/graph/panel-parts";
import { ConfigRefList, LabelList, SidecarState } from "./item-parts";
import { detailHref } from "./links";

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

type Common = {
  namespace: string;
  name: string;
  health: WorkloadItem["health"];
  podsWithoutSidecar: number;
  podsOutOfMesh: number;
  config: WorkloadItem["config"];
  labels: Record<string, string>;
};

function head<T extends Common>(kind: InventoryKind): Column<T>[] {
  return [
    {
      header: "Name",
      cell: (i) => (
        <Link
          href={detailHref(kind, i.namespace, i.name)}
          className="font-medium text-sky-700 hover:underline dark:text-sky-300"
        >
          {i.name}
        </Link>
      ),
    },
    { header: "Namespace", cell: (i) => i.namespace },
    {
      header: "Health",
      cell: (i) => (
        <span title={i.health.reasons.join("; ") || undefined}>
          <HealthText status={i.health.status} />
        </span>
      ),
    },
  ];
}

function tail<T extends Common>(): Column<T>[] {
  return [
    {
      header: "Sidecar",
      cell: (i) => <SidecarState missing={i.podsWithoutSidecar} outOfMesh={i.podsOutOfMesh} />,
    },
    { header: "Istio config", cell: (i) => <ConfigRefList refs={i.config} /> },
    { header: "Labels", cell: (i) => <LabelList labels={i.labels} max={4} /> },
  ];
}

const versions = (v: readonly string[]) => <span className="font-mono text-xs">{v.join(", ") || "—"}</span>;

export const workloadColumns: Column<WorkloadItem>[] = [
  ...head<WorkloadItem>("workloads"),
  { header: "Type", cell: (w) => w.kind },
  { header: "App / version", cell: (w) => <span className="font-mono text-xs">{`${w.app} ${w.version}`}</span> },
  {
    header: "Pods ready",
    cell: (w) => <span className="tabular-nums">{`${w.availableReplicas}/${w.desiredReplicas}`}</span>,
  },
  ...tail<WorkloadItem>(),
];

export const applicationColumns: Column<ApplicationItem>[] = [
  ...head<ApplicationItem>("applications"),
  { header: "Versions", cell: (a) => versions(a.versions) },
  { header: "Workloads", cell: (a) => a.workloads.join(", ") },
  ...tail<ApplicationItem>(),
];

export const serviceColumns: Column<ServiceItem>[] = [
  ...head<ServiceItem>("services"),
  {
    header: "Ports",
    cell: (s) => (
      <span className="font-mono text-xs">
        {s.ports.map((p) => `${p.name ? `${p.name} ` : ""}${p.port}/${p.protocol}`).join(", ")}
      </span>
    ),
  },
  { header: "Versions", cell: (s) => versions(s.versions) },
  ...tail<ServiceItem>(),
];

/** What the search box matches: name, namespace, labels (key=value), versions. */
export function searchText(item: Common & { versions?: string[]; version?: string }): string {
  return [
    item.name,
    item.namespace,
    ...Object.entries(item.labels).map(([k, v]) => `${k}=${v}`),
    ...(item.versions ?? []),
    item.version ?? "",
  ]
    .join(" ")
    .toLowerCase();
}
