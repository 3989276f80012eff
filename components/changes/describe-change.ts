/** A change in words, and as a chart marker: who did what, when. */
import type { Change } from "@/lib/contracts/changes";
import type { ChartMarker } from "@/components/metrics/chart-markers";

const actionWords: Record<Change["action"], string> = {
  create: "created",
  update: "changed",
  delete: "deleted",
  rollback: "rolled back",
};

export const changeTime = (change: Pick<Change, "createdAt">) => new Date(change.createdAt).toLocaleTimeString();

export function describeChange(change: Change): string {
  // An external change's actor is the watcher's "outside Topsail" (server/audit/external-changes.ts): no "by".
  const who = change.source === "external" ? change.actor : `by ${change.actor} (${change.source})`;
  return `${change.kind} ${change.name} ${actionWords[change.action]} ${who} at ${changeTime(change)}`;
}

export function toChartMarkers(changes: readonly Change[]): ChartMarker[] {
  return changes.map((c) => ({ id: c.id, t: Date.parse(c.createdAt) / 1000, label: describeChange(c) }));
}
