/**
 * GET /api/overview?namespaces=a,b — one card per namespace (all namespaces when none are
 * given): sidecar injection, counts, application health, Istio config findings and an
 * inbound request-rate and TCP byte-rate sparklines.
 */
import { z } from "zod";
import { healthStatuses } from "./graph";

export const injectionStates = ["enabled", "disabled", "unset"] as const;
export const injectionStateSchema = z.enum(injectionStates);
export type InjectionState = z.infer<typeof injectionStateSchema>;

export const healthCountsSchema = z.object(
  Object.fromEntries(healthStatuses.map((s) => [s, z.number()])) as Record<
    (typeof healthStatuses)[number],
    z.ZodNumber
  >,
);
export type HealthCounts = z.infer<typeof healthCountsSchema>;

export const namespaceOverviewSchema = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  /**
   * Runs the mesh's control plane (the root namespace, or one with istiod): its pods run
   * without sidecars by design, so they are not counted as missing one.
   */
  controlPlane: z.boolean(),
  /** For the injection toggle's precondition. */
  resourceVersion: z.string().optional(),
  injection: z.object({
    /** `istio-injection` label: enabled, disabled (any other value), or unset. */
    state: injectionStateSchema,
    /** `istio.io/rev`, when set. */
    revision: z.string().optional(),
    podsWithoutSidecar: z.number(),
    pods: z.number(),
  }),
  counts: z.object({ applications: z.number(), workloads: z.number(), services: z.number() }),
  /** Applications by health status. */
  health: healthCountsSchema,
  config: z.object({ objects: z.number(), errors: z.number(), warnings: z.number() }),
  /** Inbound requests/s, one point per step: [unix seconds, value]. */
  inboundRate: z.array(z.tuple([z.number(), z.number()])),
  /** Inbound TCP bytes/s (what its workloads received), one point per step: [unix seconds, value]. */
  inboundTcpRate: z.array(z.tuple([z.number(), z.number()])),
});
export type NamespaceOverview = z.infer<typeof namespaceOverviewSchema>;

export const overviewSchema = z.object({
  namespaces: z.array(namespaceOverviewSchema),
  /** Sparkline window, seconds. */
  sparklineSeconds: z.number(),
  /** Set when Prometheus did not answer: health and sparklines are then missing, not zero. */
  metricsError: z.string().optional(),
});
export type Overview = z.infer<typeof overviewSchema>;
