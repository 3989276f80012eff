export type DotState = "ok" | "warn" | "bad" | "unknown";

const colour: Record<DotState, string> = {
  ok: "bg-ok",
  warn: "bg-warn",
  bad: "bg-bad",
  unknown: "bg-slate-400",
};

/** A coloured dot; the meaning is always also given in text next to it, never by colour alone. */
export function StatusDot({ state }: { state: DotState }) {
  return <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${colour[state]}`} />;
}
