/**
 * The audit log's JSON API:
 *   GET  /api/audit?namespaces=a,b&kind=&name=&actor=&source=&status=&since=&until=&limit=&cursor=
 *                                       → AuditList (newest first, a page of `limit` entries and the cursor of
 *                                         the next, older page; `namespaces` is the top bar's selection)
 *   GET  /api/audit/{id}                → AuditEntryDetail (YAML before/after, their diff unless too large,
 *                                         the live object or, for a Namespace or Deployment, its
 *                                         sidecar-injection settings, with its resourceVersion)
 *   POST /api/audit/{id}/rollback/preview {to, baseResourceVersion} → RollbackPreview (the write path's dry-run:
 *                                         nothing written)
 *   POST /api/audit/{id}/rollback {to, baseResourceVersion, comment?, confirm?} → RollbackResult
 */
import { z } from "zod";
import { routeRiskConfirmationSchema } from "./route-risks";
import { diffLineSchema, diffOmittedSchema, objectChangeSchema, wizardPreviewSchema } from "./traffic";

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

/**
 * Where a page of the list starts: just older than the entry `id`, created at `at` (ms since the epoch). The list is
 * ordered newest first by (createdAt, id), so a page read while new entries arrive neither repeats nor skips any
 * (offsets would shift by the number of new entries). Written `<at>.<id>`; only the server makes them.
 */
export interface AuditCursor {
  at: Date;
  id: string;
}
const cursorPattern = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/;

export function formatAuditCursor(cursor: AuditCursor): string {
  return `${cursor.at.getTime()}.${cursor.id}`;
}

/** A cursor; "" (an empty form field) is none. */
export const auditCursorSchema = z.string().transform((value, ctx): AuditCursor | undefined => {
  if (value === "") return undefined;
  const match = cursorPattern.exec(value);
  if (!match) {
    ctx.addIssue({
      code: "custom",
      message: `"${value}" is not a cursor of the audit list (use the list's nextCursor)`,
    });
    return z.NEVER;
  }
  return { at: new Date(Number(match[1])), id: match[2] ?? "" };
});

/** How many entries a page holds unless the request says: what the audit page shows at once. */
export const defaultAuditPageSize = 50;
export const maxAuditPageSize = 1000;

export const auditListSchema = z.object({
  entries: z.array(auditEntrySummarySchema),
  /** The cursor of the next (older) page; null when these are the oldest entries that match. */
  nextCursor: z.string().nullable(),
});
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

/** A Kubernetes namespace name (RFC 1123 label). */
const namespaceName = z
  .string()
  .trim()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a namespace name (lowercase letters, digits and '-')");

export const auditListQuerySchema = z.object({
  /** `a,b`: only entries of these namespaces (the top bar's selection); absent or empty: every namespace. */
  namespaces: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
    )
    .pipe(z.array(namespaceName).max(100, "at most 100 namespaces"))
    .transform((list) => (list.length > 0 ? [...new Set(list)] : undefined)),
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
  limit: z.coerce.number().int().min(1).max(maxAuditPageSize).default(defaultAuditPageSize),
  cursor: auditCursorSchema.optional(),
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
  /** The route risks the user read in the preview and accepts (lib/contracts/route-risks.ts). */
  confirm: routeRiskConfirmationSchema,
});
export type RollbackRequest = z.input<typeof rollbackRequestSchema>;

/** What a rollback would write, as the wizards' preview says it: each object's diff, validation and route risks. */
export const rollbackPreviewSchema = wizardPreviewSchema;
export type RollbackPreview = z.infer<typeof rollbackPreviewSchema>;

export const rollbackResultSchema = z.object({ changes: z.array(objectChangeSchema) });
export type RollbackResult = z.infer<typeof rollbackResultSchema>;

export const auditIdSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "an audit entry id"),
});
