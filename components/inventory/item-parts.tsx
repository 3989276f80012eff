/** Small pieces the lists and detail pages share: labels, Istio config refs, the sidecar flag. */
import type { ReactNode } from "react";
import type { ConfigRef } from "@/lib/contracts/inventory";
import { Icon } from "@/components/ui/icon";

export function LabelList({ labels, max }: { labels: Record<string, string>; max?: number }) {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  const shown = max === undefined ? entries : entries.slice(0, max);
  if (entries.length === 0) return <span className="text-slate-500">none</span>;
  return (
    <ul aria-label="Labels" className="flex flex-wrap gap-1">
      {shown.map(([k, v]) => (
        <li key={k} className="rounded border border-slate-300 px-1.5 py-0.5 font-mono text-xs dark:border-slate-700">
          {k}={v}
        </li>
      ))}
      {shown.length < entries.length && (
        <li className="text-xs text-slate-500">+{entries.length - shown.length} more</li>
      )}
    </ul>
  );
}

const severityClass = { error: "text-bad", warning: "text-warn", ok: "text-ok" } as const;

/** An object's validation state in words (and colour, never colour alone). */
export function ConfigState({ config }: { config: ConfigRef }) {
  if (config.errors > 0)
    return (
      <span className={severityClass.error}>
        {config.errors} error{config.errors > 1 ? "s" : ""}
      </span>
    );
  if (config.warnings > 0)
    return (
      <span className={severityClass.warning}>
        {config.warnings} warning{config.warnings > 1 ? "s" : ""}
      </span>
    );
  return <span className={severityClass.ok}>valid</span>;
}

const kindShort: Record<string, string> = { VirtualService: "VS", DestinationRule: "DR", Gateway: "GW" };

export function ConfigRefList({ refs }: { refs: readonly ConfigRef[] }) {
  if (refs.length === 0) return <span className="text-slate-500">none</span>;
  return (
    <ul aria-label="Istio config" className="flex flex-wrap gap-1">
      {refs.map((r) => (
        <li
          key={`${r.kind}/${r.namespace}/${r.name}`}
          title={`${r.kind} ${r.namespace}/${r.name}`}
          className="rounded border border-slate-300 px-1.5 py-0.5 text-xs dark:border-slate-700"
        >
          <abbr title={r.kind} className="no-underline">
            {kindShort[r.kind] ?? r.kind}
          </abbr>{" "}
          {r.name} · <ConfigState config={r} />
        </li>
      ))}
    </ul>
  );
}

export function MissingSidecar({ pods }: { pods: number }) {
  if (pods === 0) return null;
  return (
    <span
      className="inline-flex items-center gap-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100"
      data-missing-sidecar={pods}
    >
      <Icon path="M12 3l9 16H3zM12 10v4M12 17v.5" className="h-3 w-3" />
      {pods} pod{pods > 1 ? "s" : ""} without sidecar
    </span>
  );
}

/** Pods that opt out of injection: out of the mesh on purpose, said plainly rather than as a warning. */
export function OutOfMesh({ pods }: { pods: number }) {
  if (pods === 0) return null;
  return (
    <span
      className="inline-flex items-center rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300"
      data-out-of-mesh={pods}
      title='sidecar.istio.io/inject: "false"'
    >
      {pods} pod{pods > 1 ? "s" : ""} out of the mesh (injection off)
    </span>
  );
}

/** The Sidecar cell of lists and tables: pods that lack one (a warning), pods out of the mesh on purpose, or all. */
export function SidecarState({ missing, outOfMesh }: { missing: number; outOfMesh: number }) {
  if (missing === 0 && outOfMesh === 0) return <span className="text-slate-500">all pods</span>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      <MissingSidecar pods={missing} />
      <OutOfMesh pods={outOfMesh} />
    </span>
  );
}

export function Notice({ tone, children }: { tone: "info" | "error"; children: ReactNode }) {
  const cls =
    tone === "error"
      ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      : "border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300";
  return (
    <p role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 text-sm ${cls}`}>
      {children}
    </p>
  );
}

export const cardClass =
  "rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900";
export const tableClass =
  "w-full border-collapse text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1.5 [&_th]:px-2 [&_th]:py-1.5 [&_thead_th]:text-xs [&_thead_th]:font-semibold [&_thead_th]:uppercase [&_thead_th]:tracking-wide [&_thead_th]:text-slate-500 dark:[&_td]:border-slate-800";
