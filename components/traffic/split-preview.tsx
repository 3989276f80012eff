/** The split as a bar: what share of requests each subset gets, updated as the sliders move. */
const colours = ["bg-sky-600", "bg-emerald-600", "bg-amber-500", "bg-fuchsia-600", "bg-slate-500", "bg-rose-600"];

export function SplitPreview({
  service,
  routes,
}: {
  service: string;
  routes: { subset: string | null; weight: number }[];
}) {
  const shown = routes.filter((r) => r.weight > 0);
  return (
    <figure aria-label={`Split of ${service} traffic`} className="flex flex-col gap-1">
      <div
        className="flex h-6 w-full overflow-hidden rounded border border-slate-300 dark:border-slate-600"
        data-testid="split-preview"
      >
        {shown.map((r, i) => (
          <div
            key={r.subset ?? "*"}
            className={`${colours[i % colours.length]} flex items-center justify-center text-xs font-medium text-white`}
            style={{ width: `${r.weight}%` }}
          >
            {r.weight >= 12 ? `${r.subset ?? "any"} ${r.weight}%` : ""}
          </div>
        ))}
      </div>
      <figcaption className="text-xs text-slate-600 dark:text-slate-300">
        {shown.map((r) => `${r.subset ?? "any version"} ${r.weight}%`).join(" · ") || "No traffic"}
      </figcaption>
    </figure>
  );
}
