/**
 * GET /api/namespaces/{ns}/budget — the timeout and retry budget of a namespace's call paths,
 * from config alone (no traffic needed): every hop a known client makes, how long its caller
 * may wait on it, how many requests it may carry per request entering the path, and the
 * findings as validations (codes TOP11xx, a path into the object at fault).
 */
import { z } from "zod";
import { objectValidationListSchema } from "./validations";

export const budgetWorkloadSchema = z.object({
  namespace: z.string(),
  /** The workload Istio reports (the Deployment's name). */
  name: z.string(),
  app: z.string().optional(),
  version: z.string().optional(),
});
export type BudgetWorkload = z.infer<typeof budgetWorkloadSchema>;

export const budgetEdgeSchema = z.object({
  source: budgetWorkloadSchema,
  destination: budgetWorkloadSchema,
  /** The Service the caller dialled, as Istio names it (FQDN). */
  service: z.string(),
  /** The VirtualService rule that may route the call; absent = Istio's default route (no VirtualService). */
  route: z.object({ namespace: z.string(), name: z.string(), rule: z.number().int() }).optional(),
  /**
   * Requests the destination's app may receive for one request its caller handles, when every
   * try fails: the caller app's tries × the proxy's attempts whose retry conditions re-send a
   * request the destination already took (Istio's default policy re-sends none over HTTP).
   */
  tries: z.number().int().positive(),
  /**
   * The same for one request entering the path at its first known caller: the product of
   * `tries` along the worst path to this edge (retry amplification). Fan-out to different
   * services is not counted: it is the retries' multiplier, not the call graph's.
   */
  worstCaseLoad: z.number().int().positive(),
  /**
   * How long the caller's app may wait for this hop, in ms, from configured limits: timeouts,
   * tries, injected delays, and what the destination may itself wait on its own calls.
   * Processing time is not known from config and counts as zero, unless a timeout bounds it.
   */
  waitMs: z.number().nonnegative(),
  /** Whether a timeout bounds `waitMs`; false means a slow destination could make it longer. */
  bounded: z.boolean(),
});
export type BudgetEdge = z.infer<typeof budgetEdgeSchema>;

/** Which workloads' client behaviour the analysis knew, and where the figures come from. */
export const budgetClientSchema = z.object({
  workload: budgetWorkloadSchema,
  source: z.string(),
});
export type BudgetClient = z.infer<typeof budgetClientSchema>;

export const timeoutBudgetSchema = z.object({
  namespace: z.string(),
  edges: z.array(budgetEdgeSchema),
  clients: z.array(budgetClientSchema),
  /**
   * Findings per object: VirtualServices (path into the spec) and caller workloads (path
   * `client/<service>:<port>/…`, the known call: no Kubernetes object holds it).
   */
  validations: objectValidationListSchema,
});
export type TimeoutBudget = z.infer<typeof timeoutBudgetSchema>;
