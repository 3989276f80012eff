/**
 * The traffic wizards' JSON API:
 *   GET  /api/traffic/{namespace}/{service}                  → TrafficState (where each wizard starts)
 *   POST /api/traffic/{namespace}/{service}/{wizard}/preview → WizardPreview (diff, validations, dry run)
 *   POST /api/traffic/{namespace}/{service}/{wizard}         → WizardApplied (written and audited)
 * One input schema per wizard; the same schemas check the bodies on the server and type the
 * forms in the browser, so a field the server refuses is named the way the form names it.
 * Messages are predicates ("must be at least 0", "is required"): the forms put the field's
 * name in front (components/traffic/form-errors.ts), the API puts the field's path.
 */
import { z } from "zod";
import { routeRiskConfirmationSchema, routeRiskSchema, type RouteRiskKind } from "./route-risks";
import { objectValidationSchema } from "./validations";
import { portTrafficKinds } from "@/lib/istio/port-protocol";

export const wizardIds = [
  "traffic-shifting",
  "tcp-traffic-shifting",
  "request-routing",
  "fault-injection",
  "timeouts-retries",
  "circuit-breaker",
  "mirroring",
] as const;
export const wizardIdSchema = z.enum(wizardIds);
export type WizardId = z.infer<typeof wizardIdSchema>;

export const wizardTitles: Record<WizardId, string> = {
  "traffic-shifting": "Traffic shifting",
  "tcp-traffic-shifting": "TCP traffic shifting",
  "request-routing": "Request routing",
  "fault-injection": "Fault injection",
  "timeouts-retries": "Timeouts & retries",
  "circuit-breaker": "Circuit breaker",
  mirroring: "Mirroring",
};

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const subsetNameSchema = z
  .string()
  .max(63, "must be at most 63 characters")
  .regex(dnsLabel, "must be lowercase letters, digits and '-'");
/** Go duration as Istio takes it: "2s", "500ms", "1m30s". */
export const durationSchema = z
  .string()
  .regex(/^(\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+$/, "must be a duration such as 2s or 500ms");
const percentSchema = z.number().min(0, "must be at least 0").max(100, "must be at most 100");

/** One weighted destination; `subset: null` is the service itself (every version, Kubernetes balancing). */
export const weightedRouteSchema = z.object({
  subset: subsetNameSchema.nullable(),
  weight: z.number().int("must be a whole number").min(0, "must be at least 0").max(100, "must be at most 100"),
});
export type WeightedRoute = z.infer<typeof weightedRouteSchema>;

const weightedRoutes = z
  .array(weightedRouteSchema)
  .min(1, "need at least one destination")
  .superRefine((routes, ctx) => {
    const total = routes.reduce((sum, r) => sum + r.weight, 0);
    if (total !== 100) ctx.addIssue({ code: "custom", message: `must add up to 100 (now ${total})` });
    const seen = new Set<string>();
    routes.forEach((r, i) => {
      const key = r.subset ?? "";
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          path: [i, "subset"],
          message: `repeats ${r.subset ?? "the service (any version)"}; each destination appears once`,
        });
      seen.add(key);
    });
  });

export const trafficShiftingInputSchema = z.object({ routes: weightedRoutes });
export type TrafficShiftingInput = z.infer<typeof trafficShiftingInputSchema>;
export const tcpTrafficShiftingInputSchema = trafficShiftingInputSchema;
export type TcpTrafficShiftingInput = TrafficShiftingInput;

export const stringMatchTypes = ["exact", "prefix", "regex"] as const;
export const stringMatchSchema = z.object({ type: z.enum(stringMatchTypes), value: z.string().min(1, "is required") });
export type StringMatchInput = z.infer<typeof stringMatchSchema>;

/** Header names are lowercase in Istio (HTTP/2 pseudo-headers aside). */
const headerNameSchema = z
  .string()
  .min(1, "is required")
  .regex(/^[a-z0-9!#$%&'*+.^_`|~-]+$/, "must be lowercase, without spaces");
export const headerMatchSchema = stringMatchSchema.extend({ name: headerNameSchema });
export type HeaderMatchInput = z.infer<typeof headerMatchSchema>;

export const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** One match block: its conditions are ANDed; a rule's blocks are ORed. */
export const routeMatchSchema = z.object({
  headers: z.array(headerMatchSchema),
  uri: stringMatchSchema.nullable(),
  method: z.enum(httpMethods).nullable(),
});
export type RouteMatchInput = z.infer<typeof routeMatchSchema>;

export const routingRuleSchema = z.object({
  /**
   * The rule of the live VirtualService this one edits (its other
   * fields are kept); absent = matched by its matches, or new.
   */
  sourceIndex: z.number().int().min(0).optional(),
  /** No matches = the catch-all. */
  matches: z.array(routeMatchSchema),
  routes: weightedRoutes,
});
export type RoutingRuleInput = z.infer<typeof routingRuleSchema>;
export const requestRoutingInputSchema = z.object({
  rules: z.array(routingRuleSchema).min(1, "need at least one rule"),
});
export type RequestRoutingInput = z.infer<typeof requestRoutingInputSchema>;

/** Which HTTP rule a fault, timeout or mirror goes on: the catch-all, or the rule matching one header. */
export const ruleTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  headerMatchSchema.extend({ kind: z.literal("header") }),
]);
export type RuleTarget = z.infer<typeof ruleTargetSchema>;

export const faultInjectionInputSchema = z.object({
  target: ruleTargetSchema,
  delay: z.object({ fixedDelay: durationSchema, percentage: percentSchema }).nullable(),
  abort: z
    .object({
      httpStatus: z
        .number()
        .int("must be a whole number")
        .min(200, "must be an HTTP status from 200 to 599")
        .max(599, "must be an HTTP status from 200 to 599"),
      percentage: percentSchema,
    })
    .nullable(),
});
export type FaultInjectionInput = z.infer<typeof faultInjectionInputSchema>;

export const timeoutsRetriesInputSchema = z.object({
  target: ruleTargetSchema,
  timeout: durationSchema.nullable(),
  retries: z
    .object({
      attempts: z.number().int("must be a whole number").min(0, "must be at least 0").max(100, "must be at most 100"),
      perTryTimeout: durationSchema.nullable(),
      retryOn: z.string().min(1, "is required").nullable(),
    })
    .nullable(),
});
export type TimeoutsRetriesInput = z.infer<typeof timeoutsRetriesInputSchema>;

const positiveInt = z.number().int("must be a whole number").min(1, "must be at least 1");
export const circuitBreakerInputSchema = z.object({
  maxConnections: positiveInt.nullable(),
  http1MaxPendingRequests: positiveInt.nullable(),
  maxRequestsPerConnection: positiveInt.nullable(),
  consecutive5xxErrors: positiveInt.nullable(),
  interval: durationSchema.nullable(),
  baseEjectionTime: durationSchema.nullable(),
  maxEjectionPercent: z
    .number()
    .int("must be a whole number")
    .min(0, "must be at least 0")
    .max(100, "must be at most 100")
    .nullable(),
});
export type CircuitBreakerInput = z.infer<typeof circuitBreakerInputSchema>;
export const circuitBreakerFields = Object.keys(circuitBreakerInputSchema.shape) as (keyof CircuitBreakerInput)[];

export const mirroringInputSchema = z.object({
  target: ruleTargetSchema,
  mirror: z.object({ subset: subsetNameSchema, percentage: percentSchema }).nullable(),
});
export type MirroringInput = z.infer<typeof mirroringInputSchema>;

export const wizardInputSchemas = {
  "traffic-shifting": trafficShiftingInputSchema,
  "tcp-traffic-shifting": tcpTrafficShiftingInputSchema,
  "request-routing": requestRoutingInputSchema,
  "fault-injection": faultInjectionInputSchema,
  "timeouts-retries": timeoutsRetriesInputSchema,
  "circuit-breaker": circuitBreakerInputSchema,
  mirroring: mirroringInputSchema,
} as const satisfies Record<WizardId, z.ZodType>;

export interface WizardInputs {
  "traffic-shifting": TrafficShiftingInput;
  "tcp-traffic-shifting": TcpTrafficShiftingInput;
  "request-routing": RequestRoutingInput;
  "fault-injection": FaultInjectionInput;
  "timeouts-retries": TimeoutsRetriesInput;
  "circuit-breaker": CircuitBreakerInput;
  mirroring: MirroringInput;
}

/**
 * The resourceVersions the user started from (null = the object did
 * not exist); the server refuses the change if either moved on.
 */
export const wizardBaseSchema = z.object({
  virtualService: z.string().nullable(),
  destinationRule: z.string().nullable(),
});
export type WizardBase = z.infer<typeof wizardBaseSchema>;

export function wizardRequestSchema<W extends WizardId>(wizard: W) {
  return z.object({
    input: wizardInputSchemas[wizard] as (typeof wizardInputSchemas)[W],
    base: wizardBaseSchema.optional(),
    comment: z.string().max(500, "at most 500 characters").optional(),
    confirm: routeRiskConfirmationSchema,
  });
}
export interface WizardRequest<W extends WizardId> {
  input: WizardInputs[W];
  base?: WizardBase;
  comment?: string;
  /** The route risks the user confirmed after the preview named them. */
  confirm?: RouteRiskKind[];
}

/** A Kubernetes object as JSON; the wizards read VirtualServices and DestinationRules through this. */
export const kubeObjectSchema = z
  .object({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.object({ name: z.string(), namespace: z.string(), resourceVersion: z.string().optional() }).loose(),
    spec: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
export type KubeObject = z.infer<typeof kubeObjectSchema>;

/** Where a wizard starts: its form filled from the live objects, or why it cannot show them faithfully. */
const wizardStartSchema = <S extends z.ZodType>(input: S) =>
  z.discriminatedUnion("supported", [
    z.object({ supported: z.literal(true), input }),
    z.object({ supported: z.literal(false), reason: z.string() }),
  ]);

export const trafficSubsetSchema = z.object({
  name: subsetNameSchema,
  labels: z.record(z.string(), z.string()),
  /** false: offered from a workload's `version` label; applying creates the subset. */
  inDestinationRule: z.boolean(),
  workloads: z.array(z.string()),
});
export type TrafficSubset = z.infer<typeof trafficSubsetSchema>;

export const trafficStateSchema = z.object({
  namespace: z.string(),
  service: z.string(),
  host: z.string(),
  ports: z.array(
    z.object({
      name: z.string().optional(),
      port: z.number(),
      protocol: z.string(),
      /** How Istio treats the port (lib/istio/port-protocol.ts): which wizards can route it. */
      traffic: z.enum(portTrafficKinds),
    }),
  ),
  subsets: z.array(trafficSubsetSchema),
  virtualService: kubeObjectSchema.nullable(),
  destinationRule: kubeObjectSchema.nullable(),
  wizards: z.object({
    "traffic-shifting": wizardStartSchema(z.object({ routes: z.array(weightedRouteSchema) })),
    "tcp-traffic-shifting": wizardStartSchema(z.object({ routes: z.array(weightedRouteSchema) })),
    "request-routing": wizardStartSchema(
      z.object({ rules: z.array(routingRuleSchema.extend({ routes: z.array(weightedRouteSchema) })) }),
    ),
    "fault-injection": wizardStartSchema(faultInjectionInputSchema),
    "timeouts-retries": wizardStartSchema(timeoutsRetriesInputSchema),
    "circuit-breaker": wizardStartSchema(circuitBreakerInputSchema),
    mirroring: wizardStartSchema(mirroringInputSchema),
  }),
});
export type TrafficState = z.infer<typeof trafficStateSchema>;

export const diffLineSchema = z.object({ op: z.enum(["same", "add", "remove"]), text: z.string() });
export type DiffLine = z.infer<typeof diffLineSchema>;

const textSizeSchema = z.object({ lines: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() });
/**
 * Why a diff is empty although the versions differ: diffs are bounded (lib/bounded-line-diff.ts).
 * too_large: a version has more lines or bytes than a diff is computed for; too_many_changes: more lines
 * differ than the diff searches through. The YAML of both versions is still in the answer.
 */
export const diffOmittedSchema = z.object({
  reason: z.enum(["too_large", "too_many_changes"]),
  message: z.string(),
  before: textSizeSchema,
  after: textSizeSchema,
});
export type DiffOmitted = z.infer<typeof diffOmittedSchema>;

export const objectChangeSchema = z.object({
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  action: z.enum(["create", "update", "delete", "unchanged"]),
  /** The objects as YAML without server-managed fields, and the line diff between them (bounded: see diffOmitted). */
  beforeYaml: z.string(),
  afterYaml: z.string(),
  diff: z.array(diffLineSchema),
  /** Set (and `diff` empty) when the diff was not computed. */
  diffOmitted: diffOmittedSchema.nullable(),
  auditId: z.string().optional(),
});
export type ObjectChange = z.infer<typeof objectChangeSchema>;

export const wizardPreviewSchema = z.object({
  changes: z.array(objectChangeSchema),
  validations: z.array(objectValidationSchema),
  /** Routes the change would send nowhere: applying needs their confirmation. */
  routeRisks: z.array(routeRiskSchema),
});
export type WizardPreview = z.infer<typeof wizardPreviewSchema>;

export const wizardAppliedSchema = z.object({ changes: z.array(objectChangeSchema) });
export type WizardApplied = z.infer<typeof wizardAppliedSchema>;

/** The path parameters of /api/traffic/{namespace}/{service}/{wizard}. */
const objectName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a Kubernetes name (lowercase letters, digits and '-')");
export const trafficPathSchema = z.object({ namespace: objectName, service: objectName });
export const wizardPathSchema = trafficPathSchema.extend({ wizard: wizardIdSchema });
