/**
 * The Istio config browser's JSON API (`/api/istio/objects…`): list the objects of some
 * namespaces with their validation state and references, read one as editable YAML,
 * validate unsaved YAML as the user types, preview and apply a change through the write
 * path, create, delete, and rebase an edit onto someone else's newer version.
 *
 * YAML travels as text: the server parses it (so errors carry line and column) and maps
 * each check's path (`spec/http[0]/route[0]/destination`) to a line of that same text.
 */
import { z } from "zod";
import { resolveIstioKind, unknownKindMessage } from "../istio/kinds";
import { routeRiskConfirmationSchema, routeRiskSchema } from "./route-risks";
import { validationCheckSchema, validationsQuerySchema } from "./validations";

/** An Istio object as the API server stores it; the spec stays as the user wrote it. */
export const istioObjectSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.looseObject({ name: z.string(), namespace: z.string(), resourceVersion: z.string().optional() }),
  spec: z.record(z.string(), z.unknown()).optional(),
});
export type IstioObjectDto = z.infer<typeof istioObjectSchema>;

export const referenceKindSchema = z.enum(["Service", "ServiceEntry", "Gateway", "DestinationRule", "Workload"]);
export type ReferenceKind = z.infer<typeof referenceKindSchema>;

/** Something the object points at (a host, a gateway, a subset) or selects (workloads). */
export const objectReferenceSchema = z.object({
  kind: referenceKindSchema,
  namespace: z.string(),
  /** The referenced object's name; for something missing, what the object asked for. */
  name: z.string(),
  /** How the object refers to it, as written: `reviews`, `subset v2`, `app=reviews`. */
  via: z.string(),
  found: z.boolean(),
  /** Where in the object the reference is, e.g. `spec/http[0]/route[0]/destination`. */
  path: z.string(),
});
export type ObjectReference = z.infer<typeof objectReferenceSchema>;

/**
 * A check placed on the YAML text it was computed from (1-based; null when the path is not in
 * the text). The end is where the node the path names ends (`weight: "lots"` up to the closing
 * quote); null when only a parent of it is written, and the marker then runs to the line's end.
 */
export const locatedCheckSchema = validationCheckSchema.extend({
  line: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
  endLine: z.number().int().positive().nullable(),
  endColumn: z.number().int().positive().nullable(),
});
export type LocatedCheck = z.infer<typeof locatedCheckSchema>;

// ---------- list ----------

export const istioObjectListQuerySchema = validationsQuerySchema;

export const istioObjectSummarySchema = z.object({
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  resourceVersion: z.string().optional(),
  createdAt: z.string().optional(),
  valid: z.boolean(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  checks: z.array(validationCheckSchema),
  references: z.array(objectReferenceSchema),
});
export type IstioObjectSummary = z.infer<typeof istioObjectSummarySchema>;

export const istioObjectListSchema = z.object({ objects: z.array(istioObjectSummarySchema) });
export type IstioObjectList = z.infer<typeof istioObjectListSchema>;

// ---------- one object ----------

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/**
 * The object a page shows: namespace, kind (kind, plural or short name) and name from the URL.
 * A kind that does not resolve is refused here, so no route acts on an object it cannot name
 * (a PUT to …/Bogus/x must not save whatever object its YAML holds).
 */
export const objectRefSchema = z.object({
  namespace: z.string().regex(dnsLabel, "must be a namespace name"),
  kind: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z]+$/, "must be an Istio kind, e.g. VirtualService or virtualservices")
    .refine((kind) => resolveIstioKind(kind) !== undefined, {
      error: (issue) => unknownKindMessage(String(issue.input)),
    }),
  name: z
    .string()
    .min(1)
    .max(253)
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "must be a Kubernetes object name"),
});
export type ObjectRef = z.infer<typeof objectRefSchema>;

export const istioObjectDetailSchema = z.object({
  object: istioObjectSchema,
  /** The editable YAML: the object without the fields the server manages. */
  yaml: z.string(),
  resourceVersion: z.string(),
  checks: z.array(locatedCheckSchema),
  references: z.array(objectReferenceSchema),
});
export type IstioObjectDetail = z.infer<typeof istioObjectDetailSchema>;

// ---------- YAML input ----------

/** What is wrong with the text itself, before any Istio rule runs. */
export const inputProblemCodeSchema = z.enum([
  "yaml_syntax",
  "empty",
  "multiple_documents",
  "not_a_mapping",
  "unknown_kind",
  "unknown_api_version",
  "missing_name",
  "invalid_name",
  "namespace_mismatch",
  "identity_mismatch",
  "schema",
]);
export type InputProblemCode = z.infer<typeof inputProblemCodeSchema>;

export const inputProblemSchema = z.object({
  code: inputProblemCodeSchema,
  message: z.string(),
  line: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
});
export type InputProblem = z.infer<typeof inputProblemSchema>;

/** 512 KiB of YAML is far beyond any real Istio object and well under the body limit. */
const yamlText = z.string().max(512 * 1024, "the YAML is larger than 512 KiB");

/** Where the YAML is meant to go: an edit names the object; a create only the namespace. */
export const yamlTargetSchema = z.union([objectRefSchema, z.object({ namespace: objectRefSchema.shape.namespace })]);
export type YamlTarget = z.infer<typeof yamlTargetSchema>;

export const validateYamlRequestSchema = z.object({ yaml: yamlText, target: yamlTargetSchema });
export type ValidateYamlRequest = z.infer<typeof validateYamlRequestSchema>;

export const validateYamlResponseSchema = z.object({
  /** No input problem: the text is one Istio object that belongs where it is meant to go. */
  ok: z.boolean(),
  problems: z.array(inputProblemSchema),
  checks: z.array(locatedCheckSchema),
  references: z.array(objectReferenceSchema),
});
export type ValidateYamlResponse = z.infer<typeof validateYamlResponseSchema>;

// ---------- writes ----------

export const createRequestSchema = z.object({
  mode: z.literal("create"),
  yaml: yamlText,
  namespace: objectRefSchema.shape.namespace,
  /** The route risks the user confirmed after the preview named them. */
  confirm: routeRiskConfirmationSchema,
});
export const updateRequestSchema = z.object({
  mode: z.literal("update"),
  yaml: yamlText,
  target: objectRefSchema,
  /** The resourceVersion the user loaded: a newer live object is a 409 conflict, never overwritten. */
  baseResourceVersion: z.string().min(1),
  confirm: routeRiskConfirmationSchema,
});
export const writeRequestSchema = z.discriminatedUnion("mode", [createRequestSchema, updateRequestSchema]);
export type WriteRequest = z.infer<typeof writeRequestSchema>;

export const changeActionSchema = z.enum(["create", "update", "delete", "unchanged"]);

export const previewResponseSchema = z.object({
  action: changeActionSchema,
  /** Editable YAML of the live object (null for a create). */
  before: z.string().nullable(),
  /** Editable YAML of the API server's dry-run answer (defaults filled in). */
  after: z.string().nullable(),
  changedPaths: z.array(z.string()),
  checks: z.array(locatedCheckSchema),
  /** Routes the change would send nowhere: applying needs their confirmation. */
  routeRisks: z.array(routeRiskSchema),
});
export type PreviewResponse = z.infer<typeof previewResponseSchema>;

export const applyResponseSchema = z.object({
  action: changeActionSchema,
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  resourceVersion: z.string().nullable(),
  auditId: z.string().nullable(),
});
export type ApplyResponse = z.infer<typeof applyResponseSchema>;

export const deleteQuerySchema = z.object({
  resourceVersion: z.string({ error: "give the resourceVersion you are deleting, e.g. ?resourceVersion=1234" }).min(1),
});

// ---------- rebase (three-way merge after a conflict) ----------

export const mergeSideSchema = z.enum(["mine", "theirs"]);
export type MergeSide = z.infer<typeof mergeSideSchema>;

export const rebaseRequestSchema = z.object({
  /** What the user loaded, what the user has now, and what is live now. */
  base: yamlText,
  mine: yamlText,
  theirs: yamlText,
  /** For fields both sides changed: whose value to keep, by path (`spec.http[0].timeout`). */
  choices: z.record(z.string(), mergeSideSchema).default({}),
});
export type RebaseRequest = z.input<typeof rebaseRequestSchema>;

/** One side's value of a conflicting field: absent when that side removed it. */
const sideValueSchema = z.object({ present: z.boolean(), yaml: z.string() });

export const mergeConflictSchema = z.object({
  path: z.string(),
  base: sideValueSchema,
  mine: sideValueSchema,
  theirs: sideValueSchema,
});
export type MergeConflict = z.infer<typeof mergeConflictSchema>;

export const rebaseResponseSchema = z.object({
  /** The merged YAML; conflicts without a choice keep their value here, to be decided. */
  yaml: z.string(),
  conflicts: z.array(mergeConflictSchema),
  /** Every conflict has a choice: the YAML is ready to be reviewed and applied. */
  resolved: z.boolean(),
});
export type RebaseResponse = z.infer<typeof rebaseResponseSchema>;

/** Bodies as the routes receive them: the object's identity comes from the URL. */
export const createBodySchema = createRequestSchema.omit({ mode: true });
export const updateBodySchema = updateRequestSchema.omit({ mode: true, target: true });
