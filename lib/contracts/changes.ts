/**
 * GET /api/namespaces/{ns}/changes?from=&to=&service=|workload=|app= — the changes to mesh
 * config recorded in the audit log (Topsail's own writes, rollbacks, and kubectl or GitOps
 * changes the watcher saw) within a time range, as the charts draw them as markers. With a
 * target, only the changes that touch it (server/changes/touches.ts decides); without one,
 * every change filed in the namespace ("what changed between 14:00 and 14:30").
 *
 * `from` and `to` are unix seconds (what the charts' time axes carry) or ISO 8601.
 */
import { z } from "zod";
import { auditEntrySummarySchema } from "./audit";
import { objectNameSchema, type InventoryKind } from "./inventory";

/** The longest window one request reads: the longest chart range (lib/contracts/metrics.ts) with room to spare. */
export const maxChangesWindowSeconds = 7 * 24 * 3600;

const instant = (name: string) =>
  z.string({ error: `${name} is required: unix seconds or an ISO 8601 date-time` }).transform((v, ctx) => {
    const date = /^\d{1,12}$/.test(v) ? new Date(Number(v) * 1000) : new Date(v);
    if (Number.isNaN(date.getTime()) || v.trim() === "") {
      ctx.addIssue({
        code: "custom",
        message: `${name} "${v}" is neither unix seconds nor an ISO 8601 date-time (e.g. 2026-03-01T14:00:00Z)`,
      });
      return z.NEVER;
    }
    return date;
  });

export const changeTargetKinds = ["service", "workload", "app"] as const;
export const changeTargetKindSchema = z.enum(changeTargetKinds);
export type ChangeTargetKind = z.infer<typeof changeTargetKindSchema>;

/** An empty URL parameter (`service=`) counts as absent, as the audit list's filters do. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** The change target an inventory page or a graph node's metrics stand for. */
export const changeTargetKindOf: Record<InventoryKind, ChangeTargetKind> = {
  services: "service",
  workloads: "workload",
  applications: "app",
};

export const changesQuerySchema = z
  .object({
    from: instant("from"),
    /** Absent: now. */
    to: optional(instant("to")),
    service: optional(objectNameSchema),
    workload: optional(objectNameSchema),
    app: optional(objectNameSchema),
  })
  .transform((q, ctx) => {
    const targets = changeTargetKinds.flatMap((kind) => (q[kind] ? [{ kind, name: q[kind] }] : []));
    if (targets.length > 1) {
      ctx.addIssue({ code: "custom", message: "name at most one of service, workload and app" });
      return z.NEVER;
    }
    const to = q.to ?? new Date();
    if (to.getTime() <= q.from.getTime()) {
      ctx.addIssue({ code: "custom", message: "to must be later than from" });
      return z.NEVER;
    }
    if (to.getTime() - q.from.getTime() > maxChangesWindowSeconds * 1000) {
      ctx.addIssue({ code: "custom", message: `the window is at most ${maxChangesWindowSeconds / 86_400} days` });
      return z.NEVER;
    }
    return { from: q.from, to, target: targets[0] ?? null };
  });
export type ChangesQuery = z.output<typeof changesQuerySchema>;

export const changeTargetSchema = z.object({ kind: changeTargetKindSchema, name: z.string() });
export type ChangeTarget = z.infer<typeof changeTargetSchema>;

export const changeSchema = auditEntrySummarySchema.extend({
  /** Why the change touches the target, e.g. "routes to reviews (bookinfo)"; empty for a namespace's list. */
  reasons: z.array(z.string()),
});
export type Change = z.infer<typeof changeSchema>;

export const changeListSchema = z.object({
  namespace: z.string(),
  from: z.string(),
  to: z.string(),
  target: changeTargetSchema.nullable(),
  /** Newest first. */
  changes: z.array(changeSchema),
  /**
   * The window held more entries than one request reads (server/changes/list-changes.ts): the
   * oldest changes of the window may be missing; a narrower window shows them.
   */
  truncated: z.boolean(),
});
export type ChangeList = z.infer<typeof changeListSchema>;
