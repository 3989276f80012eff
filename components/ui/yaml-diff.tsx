import type { DiffLine, DiffOmitted } from "@/lib/contracts/traffic";

const lineStyle: Record<DiffLine["op"], { mark: string; className: string; label: string }> = {
  same: { mark: " ", className: "", label: "" },
  add: {
    mark: "+",
    className: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200",
    label: "added",
  },
  remove: { mark: "-", className: "bg-rose-50 text-rose-900 dark:bg-rose-950/60 dark:text-rose-200", label: "removed" },
};

/**
 * The console's one YAML diff: unified, added and removed lines carry a +/- mark, not only a
 * colour. The lines come from lib/bounded-line-diff.ts, computed by the server (audit entries,
 * wizard previews) or in the browser (the editor's review and conflict screens), so every
 * screen shows the same diff. When the diff was not computed (an object too large, too many
 * changed lines), it says why. `sides` names what the - and + lines come from.
 */
export function YamlDiff({
  title,
  diff,
  omitted,
  sides,
}: {
  title: string;
  diff: DiffLine[];
  omitted: DiffOmitted | null;
  sides?: { before: string; after: string };
}) {
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      {sides && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          <span className="font-mono">-</span> {sides.before} · <span className="font-mono">+</span> {sides.after}
        </p>
      )}
      {omitted ? (
        <p
          role="status"
          data-testid="yaml-diff-omitted"
          className="rounded border border-slate-200 px-2 py-1 text-sm dark:border-slate-700"
        >
          {omitted.message}
        </p>
      ) : (
        <pre
          aria-label={`YAML diff of ${title}`}
          data-testid="yaml-diff"
          className="max-h-96 overflow-auto rounded border border-slate-200 bg-white py-1 font-mono text-xs leading-5 dark:border-slate-700 dark:bg-slate-900"
        >
          {diff.map((line, i) => {
            const style = lineStyle[line.op];
            return (
              <div key={i} className={`px-2 whitespace-pre ${style.className}`} data-op={line.op}>
                <span aria-label={style.label || undefined} className="mr-2 select-none text-slate-400">
                  {style.mark}
                </span>
                {line.text}
              </div>
            );
          })}
        </pre>
      )}
    </figure>
  );
}
