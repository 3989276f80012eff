/**
 * GET /api/namespaces/{ns}/explain-request — "what happens to this request?" (issue 22, item 1).
 * The path's namespace is the caller's; the caller is a workload (a sidecar) or a gateway's
 * workload (the ingress gateway), named as Istio's telemetry names it. The answer is hop by
 * hop: the first hop is the request as asked; each later hop is a call the destination's app
 * is known to make (lib/istio/sample-client-calls.ts, or seen in telemetry), with the headers
 * the app forwards. Every hop is decided by the one evaluator of Istio's routing semantics
 * the simulator's router also runs (lib/istio/routing/), so the two cannot disagree.
 * Topsail's own endpoint: figures are numbers, probabilities 0–1, times in ms.
 */
import { z } from "zod";
import { headerParamSchema } from "./envoy";
import { namespaceNameSchema, objectNameSchema } from "./inventory";

export const requestExplanationPathSchema = z.object({ namespace: namespaceNameSchema });

export const requestExplanationQuerySchema = z.object({
  /** The calling workload in the path's namespace (`productpage-v1`, `istio-ingressgateway`). */
  sourceWorkload: objectNameSchema,
  /** As the caller dials it: `reviews`, `reviews.bookinfo.svc.cluster.local`, `httpbin.example.com`. */
  host: z.string().trim().min(1, "give the request's host, e.g. reviews").max(253),
  /** Absent: the host's first HTTP port (the Service's), else 80. */
  port: z.coerce
    .number({ error: "port is a number, e.g. 9080" })
    .int("port is a whole number")
    .min(1, "port is 1–65535")
    .max(65535, "port is 1–65535")
    .optional(),
  path: z
    .string()
    .max(2048)
    .default("/")
    .refine((p) => p.startsWith("/"), "the path starts with /"),
  method: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{1,16}$/, "method is an HTTP method, e.g. GET")
    .default("GET"),
  /** Repeatable `name:value`; names are lower-cased (envoy.ts), as Envoy matches them. */
  headers: z
    .array(headerParamSchema)
    .max(32)
    .default([])
    .transform((pairs) => Object.fromEntries(pairs)),
});
export type RequestExplanationQuery = z.infer<typeof requestExplanationQuerySchema>;

/** The URL of an explanation, for lib/queries. */
export function requestExplanationUrl(
  namespace: string,
  query: {
    sourceWorkload: string;
    host: string;
    port?: number;
    path?: string;
    method?: string;
    headers?: Record<string, string>;
  },
): string {
  const params = new URLSearchParams({ sourceWorkload: query.sourceWorkload, host: query.host });
  if (query.port !== undefined) params.set("port", String(query.port));
  if (query.path) params.set("path", query.path);
  if (query.method) params.set("method", query.method);
  for (const [name, value] of Object.entries(query.headers ?? {})) params.append("headers", `${name}:${value}`);
  return `/api/namespaces/${encodeURIComponent(namespace)}/explain-request?${params}`;
}

/** A config object a hop's decision came from, with the line the editor shows the deciding field on. */
export const configRefSchema = z.object({
  kind: z.enum([
    "VirtualService",
    "DestinationRule",
    "Gateway",
    "PeerAuthentication",
    "AuthorizationPolicy",
    "ServiceEntry",
    "Sidecar",
  ]),
  namespace: z.string(),
  name: z.string(),
  /** JSON-pointer-like path into the object (`spec/http/0/match`), as validations use. */
  path: z.string().optional(),
  /** 1-based line of `path` in the object's editable YAML. */
  line: z.number().int().positive().optional(),
});
export type ConfigRef = z.infer<typeof configRefSchema>;

/** One HTTP rule of the VirtualService, in order, with why it did or did not match. */
export const ruleEvaluationSchema = z.object({
  index: z.number().int().nonnegative(),
  /** The rule's `name`, if it has one. */
  name: z.string().optional(),
  matched: z.boolean(),
  /**
   * In words. For a rule that did not match, one reason per match block (blocks are ORed), e.g.
   * `header end-user: exact "jason" — the request has no end-user header`. For the winner,
   * which block matched (or "no match conditions: matches every request").
   */
  reasons: z.array(z.string()),
  ref: configRefSchema,
});
export type RuleEvaluation = z.infer<typeof ruleEvaluationSchema>;

export const podRefSchema = z.object({ name: z.string(), ready: z.boolean(), hasSidecar: z.boolean() });

export const tlsOnWireSchema = z.object({
  /** What the client proxy sends: Istio mutual TLS, TLS it originates, or plain text. */
  mode: z.enum(["ISTIO_MUTUAL", "MUTUAL", "SIMPLE", "DISABLE"]),
  /** Whether the destination accepts it (PeerAuthentication STRICT refuses plain text). */
  accepted: z.boolean(),
  /** In words: where the mode comes from (DestinationRule tls, auto mTLS, PeerAuthentication). */
  reason: z.string(),
  refs: z.array(configRefSchema),
});

export const authorizationVerdictSchema = z.object({
  verdict: z.enum(["allow", "deny"]),
  /** In words: the policy and rule that decided, or "no AuthorizationPolicy selects the workload". */
  reason: z.string(),
  refs: z.array(configRefSchema),
});

export const trafficPolicySchema = z.object({
  /** e.g. `ROUND_ROBIN` (Istio's default: `LEAST_REQUEST`), `consistentHash on header x-user`. */
  loadBalancer: z.string(),
  /** In words, e.g. "at most 1 connection, 1 pending request"; absent: Envoy's defaults. */
  connectionPool: z.string().optional(),
  /** In words, e.g. "eject after 1 consecutive 5xx for 3 m"; absent: none. */
  outlierDetection: z.string().optional(),
  refs: z.array(configRefSchema),
});

export const destinationOutcomeSchema = z.object({
  host: z.string(),
  subset: z.string().optional(),
  port: z.number().int().optional(),
  /** Share of requests sent here, 0–1 (the rule's weights; 1 for a single destination). */
  probability: z.number().min(0).max(1),
  /** The pods that would answer (the Service's, narrowed by the subset's labels); empty = none (UH / 503). */
  pods: z.array(podRefSchema),
  /** A problem with this destination in words (a subset no DestinationRule defines → NC / 503). */
  problem: z.string().optional(),
  trafficPolicy: trafficPolicySchema,
  tls: tlsOnWireSchema,
  authorization: authorizationVerdictSchema,
});
export type DestinationOutcome = z.infer<typeof destinationOutcomeSchema>;

export const hopSchema = z.object({
  /** Stable within one answer; `parent` links a next hop to the hop whose destination makes it. */
  id: z.string(),
  parent: z.string().optional(),
  source: z.object({ namespace: z.string(), workload: z.string(), isGateway: z.boolean() }),
  request: z.object({
    /** Qualified (`reviews.bookinfo.svc.cluster.local`) when it names a known service. */
    host: z.string(),
    port: z.number().int(),
    path: z.string(),
    method: z.string(),
    headers: z.record(z.string(), z.string()),
  }),
  /** Only for a gateway caller: the Gateway server that accepted the host and port. */
  gatewayServer: z
    .object({ index: z.number().int().nonnegative(), hosts: z.array(z.string()), ref: configRefSchema })
    .optional(),
  /** The VirtualService the caller's proxy applies to the host; absent = none (Istio's default route). */
  virtualService: configRefSchema.optional(),
  /** Every rule considered, in order, up to the winner. */
  rules: z.array(ruleEvaluationSchema),
  outcome: z.enum(["route", "noRoute", "directResponse", "notAccepted", "unknownHost"]),
  /** In words, e.g. "rule 0 (header end-user: exact jason) sends every request to subset v2". */
  summary: z.string(),
  /** For `directResponse`: the status the proxy answers with. */
  status: z.number().int().optional(),
  destinations: z.array(destinationOutcomeSchema),
  /** The route's timeout; absent = none (Istio's default). */
  timeoutMs: z.number().nonnegative().optional(),
  retries: z.object({
    attempts: z.number().int().nonnegative(),
    perTryTimeoutMs: z.number().nonnegative().optional(),
    retryOn: z.array(z.string()),
    /** True when no `retries` is set and Istio's default policy applies. */
    isDefault: z.boolean(),
  }),
  fault: z
    .object({
      delay: z.object({ ms: z.number().nonnegative(), percent: z.number().min(0).max(100) }).optional(),
      abort: z.object({ status: z.number().int(), percent: z.number().min(0).max(100) }).optional(),
    })
    .optional(),
  mirrors: z.array(z.object({ host: z.string(), subset: z.string().optional(), percent: z.number().min(0).max(100) })),
});
export type Hop = z.infer<typeof hopSchema>;

export const requestExplanationSchema = z.object({
  namespace: z.string(),
  query: z.object({
    sourceWorkload: z.string(),
    host: z.string(),
    port: z.number().int().optional(),
    path: z.string(),
    method: z.string(),
    headers: z.record(z.string(), z.string()),
  }),
  /** In order: the asked request first, then next hops depth-first. */
  hops: z.array(hopSchema),
  /** Where the next hops came from, in words (the samples' table), so a reader can judge them. */
  nextHopSource: z.string(),
});
export type RequestExplanation = z.infer<typeof requestExplanationSchema>;
