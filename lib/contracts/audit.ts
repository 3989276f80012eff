/**
 * The audit log's JSON API:
 *   GET  /api/audit?namespace=&kind=&name=&actor=&source=&status=&since=&until=&limit= → AuditList (newest first)
 *   GET  /api/audit/{id}                → AuditEntryDetail (YAML before/after, their diff unless too large,
 *                                         the live object or, for a Namespace or Deployment, its
 *                                         sidecar-injection settings, with its resourceVersion)
 *   POST /api/audit/{id}/rollback {to, baseResourceVersion, comment?} → RollbackResult
 */
import { z } from "zod";
import { diffLineSchema, diffOmittedSchema, objectChangeSchema } from "./traffic";

export const auditActionSchema = z.enum(["create", "update", "delete", "rollback"]);
export type AuditAction = z.infer<typeof auditActionSchema>;
export const auditSourceSchema = z.enum(["editor", "wizard", "experiment", "rollback", "external"]);
export type AuditSource = z.infer<typeof auditSourceSchema>;
/**
 * pending: Topsail recorded the change and is writing it; applied: it is in the cluster; failed: it never got there.
 */
export const auditStatusSchema = z.enum(["pending", "applied", "failed"]);
export type AuditStatus = z.infer<typeof auditStatusSchema>;

export const auditEntrySummarySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  actor: z.string(),
  /** The actor's Kubernetes groups when they signed in (empty for the console's own identity). */
  actorGroups: z.array(z.string()),
  action: auditActionSchema,
  source: auditSourceSchema,
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  comment: z.string().nullable(),
  status: auditStatusSchema,
  /** Why the change failed; null unless status is failed. */
  error: z.string().nullable(),
  /** Whether the entry left the object in place (false: the change deleted it). */
  hasAfter: z.boolean(),
  hasBefore: z.boolean(),
});
export type AuditEntrySummary = z.infer<typeof auditEntrySummarySchema>;

export const auditListSchema = z.object({ entries: z.array(auditEntrySummarySchema) });
export type AuditList = z.infer<typeof auditListSchema>;

const optionalText = z
  .string()
  .trim()
  .max(253)
  .optional()
  .transform((v) => (v === "" ? undefined : v));
const instant = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    const date = new Date(v);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: `"${v}" is not a date-time (use ISO 8601, e.g. 2026-03-01T12:00:00Z)` });
      return z.NEVER;
    }
    return date;
  });

export const auditListQuerySchema = z.object({
  namespace: optionalText,
  kind: optionalText,
  name: optionalText,
  actor: optionalText,
  source: z
    .union([auditSourceSchema, z.literal("")])
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  status: z
    .union([auditStatusSchema, z.literal("")])
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
  since: instant,
  until: instant,
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuerySchema>;

export const auditEntryDetailSchema = z.object({
  entry: auditEntrySummarySchema,
  beforeYaml: z.string(),
  afterYaml: z.string(),
  diff: z.array(diffLineSchema),
  /** Set (and `diff` empty) when the diff was not computed: the YAML above is still complete. */
  diffOmitted: diffOmittedSchema.nullable(),
  /** The object as it is now: what a rollback would replace (its resourceVersion is the rollback's base). */
  live: z.object({ resourceVersion: z.string().nullable(), yaml: z.string() }),
});
export type AuditEntryDetail = z.infer<typeof auditEntryDetailSchema>;

export const rollbackRequestSchema = z.object({
  /** "after": back to the version this entry produced; "before": undo the entry (to the version before it). */
  to: z.enum(["after", "before"]).default("after"),
  /**
   * The live resourceVersion the user saw (null = the object did not exist); a different live object is a 409 conflict.
   */
  baseResourceVersion: z.string().nullable(),
  comment: z.string().max(500, "at most 500 characters").optional(),
});
export type RollbackRequest = z.input<typeof rollbackRequestSchema>;

export const rollbackResultSchema = z.object({ changes: z.array(objectChangeSchema) });
export type RollbackResult = z.infer<typeof rollbackResultSchema>;

export const auditIdSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "an audit entry id"),
});
