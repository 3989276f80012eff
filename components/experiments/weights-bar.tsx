/** The canary's live split as a bar, with the numbers in text. */
export function WeightsBar({ weights }: { weights: { subset: string; weight: number }[] }) {
  const colours = ["bg-sky-600", "bg-amber-500"];
  return (
    <div aria-label="Current weights" className="space-y-1">
      <div className="flex h-4 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800" aria-hidden="true">
        {weights.map((w, i) => (
          <div key={w.subset} className={colours[i % colours.length]} style={{ width: `${w.weight}%` }} />
        ))}
      </div>
      <p className="text-sm" data-testid="current-weights">
        {weights.map((w) => `${w.subset} ${Math.round(w.weight)}%`).join(" / ")}
      </p>
    </div>
  );
}
