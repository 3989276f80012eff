/** Small pieces the node and edge panels share. */
import Link from "next/link";
import type { ReactNode } from "react";
import { detailHref, kindLabels } from "@/components/inventory/links";
import type { HealthStatus } from "@/lib/contracts/graph";
import type { NodeDetailPage } from "@/lib/graph-view/node-detail";
import type { NodeBadge } from "@/lib/graph-view/view-model";
import { badgeRows, healthRows } from "./graph-styles";

export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{term}</dt>
          <dd className="font-mono tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Health in words with its colour and glyph: never colour alone. */
export function HealthText({ status }: { status: HealthStatus }) {
  const row = healthRows[status];
  return (
    <span className="inline-flex items-center gap-1.5">
      <span
        aria-hidden="true"
        className="inline-block h-3 w-3 rounded-full border-2"
        style={{ borderColor: row.colour, borderStyle: row.border }}
      />
      <span style={{ color: row.colour }} className="font-medium">
        {row.label}
      </span>
    </span>
  );
}

export function BadgeList({ badges }: { badges: NodeBadge[] }) {
  if (badges.length === 0) return null;
  return (
    <ul aria-label="Istio configuration on this node" className="flex flex-wrap gap-1">
      {badges.map((b) => {
        const row = badgeRows.find((r) => r.badge === b);
        return (
          <li
            key={b}
            className="rounded-full px-2 py-0.5 text-xs font-medium text-white"
            style={{ backgroundColor: row?.colour }}
          >
            {row?.label ?? b}
          </li>
        );
      })}
    </ul>
  );
}

export function PanelSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}

export const pageHref = (page: NodeDetailPage) => detailHref(page.kind, page.namespace, page.name);

/** A node's inventory pages (lib/graph-view/node-detail.ts) as links: "Workload reviews-v2". */
export function DetailLinks({ pages }: { pages: NodeDetailPage[] }) {
  if (pages.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-sm">
      {pages.map((p) => (
        <li key={`${p.kind}/${p.namespace}/${p.name}`}>
          <span className="text-slate-500 dark:text-slate-400">{kindLabels[p.kind].singular} </span>
          <Link href={pageHref(p)} className="font-mono text-sky-700 underline dark:text-sky-400">
            {p.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * Why an inaccessible node (lib/contracts/graph.ts `isInaccessible`) opens no page and offers
 * no action: said in words where its links and actions would be (side panel, node menu).
 */
export const inaccessibleText = (namespace: string) => `You may not read workloads in namespace ${namespace}.`;
