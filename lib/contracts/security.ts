/**
 * The Security view's API:
 *   POST /api/security/authorization/replay   {policy, windowSeconds} → AuthorizationReplay (nothing written)
 *   POST /api/security/authorization/generate {namespace, workload?, windowSeconds} → GeneratedPolicy
 *   POST /api/security/authorization/apply    {policy, comment?} → WizardApplied (the write path, audited)
 *   GET  /api/security/policies/{namespace}/{name}?windowSeconds= → AuthorizationPolicyDetail
 */
import { z } from "zod";
import { objectChangeSchema } from "./traffic";
import { validationCheckSchema } from "./validations";

const kubeName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a Kubernetes name (lowercase letters, digits and '-')");

export const authorizationActionSchema = z.enum(["ALLOW", "DENY", "AUDIT", "CUSTOM"]);
export type AuthorizationActionInput = z.infer<typeof authorizationActionSchema>;

const nonEmpty = z.string().trim().min(1);

/** What the AuthorizationPolicy form edits: one rule, from principals/namespaces, to paths/methods. */
export const authorizationPolicyFormSchema = z
  .object({
    namespace: kubeName,
    name: kubeName,
    action: authorizationActionSchema,
    /** The extension provider of a CUSTOM policy (meshConfig.extensionProviders). */
    provider: z.string().trim().optional(),
    /** Workload labels; empty: every workload of the namespace (of the mesh in the root namespace). */
    selector: z.record(nonEmpty, nonEmpty).default({}),
    principals: z.array(nonEmpty).default([]),
    namespaces: z.array(nonEmpty).default([]),
    paths: z.array(nonEmpty).default([]),
    methods: z.array(nonEmpty).default([]),
    /**
     * A second rule for callers without an identity (`notPrincipals: ["*"]`): plaintext callers
     * cannot be named one by one, so allowing them means allowing all of them.
     */
    plaintextCallers: z.boolean().default(false),
    /** No rule at all: an ALLOW denies everything, a DENY nothing (Istio's `spec: {}`). */
    noRules: z.boolean().default(false),
  })
  .refine((f) => f.action !== "CUSTOM" || (f.provider ?? "") !== "", {
    error: "a CUSTOM policy needs the name of its extension provider",
    path: ["provider"],
  });
export type AuthorizationPolicyForm = z.input<typeof authorizationPolicyFormSchema>;
export type AuthorizationPolicyFields = z.output<typeof authorizationPolicyFormSchema>;

export const windowSecondsSchema = z
  .number()
  .int()
  .min(60)
  .max(7 * 86_400)
  .default(3600);

export const replayRequestSchema = z.object({
  policy: authorizationPolicyFormSchema,
  windowSeconds: windowSecondsSchema,
});
export type ReplayRequest = z.input<typeof replayRequestSchema>;

export const decisionSchema = z.enum(["allow", "deny", "undecidable"]);
export type DecisionDto = z.infer<typeof decisionSchema>;

export const verdictSchema = z.object({ decision: decisionSchema, reason: z.string(), policy: z.string().optional() });

export const replayedCallerSchema = z.object({
  source: z.object({
    workload: z.string(),
    namespace: z.string(),
    /** Null for a plaintext caller: it has no identity a policy can name. */
    principal: z.string().nullable(),
  }),
  destination: z.object({ workload: z.string(), namespace: z.string() }),
  protocol: z.string(),
  requestsPerSecond: z.number(),
  /** With the live policies, and with the proposed one applied. */
  before: verdictSchema,
  after: verdictSchema,
});
export type ReplayedCaller = z.infer<typeof replayedCallerSchema>;

export const authorizationReplaySchema = z.object({
  windowSeconds: z.number(),
  /** The proposed object as it would be written. */
  policyYaml: z.string(),
  /** Destination workloads the proposed policy applies to. */
  workloads: z.array(z.object({ namespace: z.string(), name: z.string() })),
  callers: z.array(replayedCallerSchema),
  /** What the replay cannot see, said once (paths and methods are not in Istio's standard metrics). */
  notes: z.array(z.string()),
});
export type AuthorizationReplay = z.infer<typeof authorizationReplaySchema>;

export const generateRequestSchema = z.object({
  namespace: kubeName,
  /** Absent: one policy for the whole namespace. */
  workload: kubeName.optional(),
  windowSeconds: windowSecondsSchema,
});
export type GenerateRequest = z.input<typeof generateRequestSchema>;

export const generatedPolicySchema = z.object({
  policy: authorizationPolicyFormSchema,
  /** Plaintext callers the policy cannot name, rules it had to widen, callers it might miss. */
  warnings: z.array(z.string()),
  replay: authorizationReplaySchema,
});
export type GeneratedPolicy = z.infer<typeof generatedPolicySchema>;

export const applyPolicyRequestSchema = z.object({
  policy: authorizationPolicyFormSchema,
  comment: z.string().max(500).optional(),
});
export type ApplyPolicyRequest = z.input<typeof applyPolicyRequestSchema>;

export const appliedPolicySchema = z.object({ changes: z.array(objectChangeSchema) });
export type AppliedPolicy = z.infer<typeof appliedPolicySchema>;

/** GET /api/security/{namespace}: mTLS as servers enforce it, the conflicts that break traffic, and the policies. */
export const peerModeSchema = z.enum(["STRICT", "PERMISSIVE", "DISABLE"]);
export type PeerModeDto = z.infer<typeof peerModeSchema>;

/** A mode and the PeerAuthentication it comes from (`namespace/name`); null source: Istio's default. */
const effectiveModeSchema = z.object({ mode: peerModeSchema, source: z.string().nullable() });

export const mtlsConflictSchema = z.object({
  destinationRule: z.string(),
  host: z.string(),
  clientMode: z.string(),
  /** Set for a port-level override the conflict is about. */
  port: z.string().optional(),
  message: z.string(),
});
export type MtlsConflict = z.infer<typeof mtlsConflictSchema>;

export const securityStateSchema = z.object({
  namespace: z.string(),
  rootNamespace: z.string(),
  mesh: effectiveModeSchema,
  namespaceMode: effectiveModeSchema,
  workloads: z.array(
    effectiveModeSchema.extend({
      name: z.string(),
      portModes: z.array(z.object({ port: z.string(), mode: peerModeSchema })),
      conflicts: z.array(mtlsConflictSchema),
    }),
  ),
  authorizationPolicies: z.array(
    z.object({
      namespace: z.string(),
      name: z.string(),
      action: authorizationActionSchema,
      provider: z.string().optional(),
      selector: z.record(z.string(), z.string()),
      rules: z.number(),
      /** In the root namespace: applies to every namespace. */
      meshWide: z.boolean(),
    }),
  ),
});
export type SecurityState = z.infer<typeof securityStateSchema>;

/**
 * GET /api/security/policies/{namespace}/{name}?windowSeconds= → one AuthorizationPolicy as its detail page shows it:
 * what it does, whom it applies to, each rule in words, its validations, and its current effect on the callers
 * observed over the window (each judged without the policy and with it, as the live policies stand).
 */
export const policyPathSchema = z.object({ namespace: kubeName, name: kubeName });

export const policyDetailQuerySchema = z.object({
  windowSeconds: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(3600),
});

export const policyRuleInWordsSchema = z.object({
  from: z.array(z.string()),
  to: z.array(z.string()),
  when: z.array(z.string()),
  sentence: z.string(),
});

/** The callers observed over the window, `before` without this policy and `after` with it (the live state). */
export const policyEffectSchema = z.union([
  z.object({
    windowSeconds: z.number(),
    callers: z.array(replayedCallerSchema),
    notes: z.array(z.string()),
  }),
  /** Prometheus could not be asked: the rest of the page stands. */
  z.object({ windowSeconds: z.number(), problem: z.string() }),
]);
export type PolicyEffect = z.infer<typeof policyEffectSchema>;

export const authorizationPolicyDetailSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  action: authorizationActionSchema,
  provider: z.string().optional(),
  /** The policy in one line (an ALLOW without rules denies everything). */
  summary: z.string(),
  /** Whom it applies to in words: every workload of the mesh or namespace, or those its selector picks. */
  scope: z.string(),
  meshWide: z.boolean(),
  /** `targetRef(s)`: bound to a Gateway or waypoint, not to sidecars. */
  targetRefs: z.array(z.string()),
  workloads: z.array(z.object({ namespace: z.string(), name: z.string() })),
  rules: z.array(policyRuleInWordsSchema),
  checks: z.array(validationCheckSchema),
  effect: policyEffectSchema,
});
export type AuthorizationPolicyDetail = z.infer<typeof authorizationPolicyDetailSchema>;
