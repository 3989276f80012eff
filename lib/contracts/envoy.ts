/**
 * A workload proxy's Envoy configuration, as the console shows it:
 * GET /api/namespaces/NS/workloads/NAME/envoy?pod=POD — clusters, listeners, routes and endpoints summarised from
 * the proxy's admin `/config_dump` (server/envoy) — and
 * GET …/envoy/route-match?pod=POD&host=H&path=P&headers=name:value — which route a request takes, with the trail.
 */
import { z } from "zod";
import { namespaceNameSchema, objectNameSchema } from "./inventory";

/** An Istio object named by the `istio.config` metadata Istio puts on clusters and routes. */
export const istioObjectRefSchema = z.object({ kind: z.string(), namespace: z.string(), name: z.string() });
export type IstioObjectRef = z.infer<typeof istioObjectRefSchema>;

export const clusterDirections = ["inbound", "outbound", "other"] as const;

export const envoyClusterSchema = z.object({
  name: z.string(),
  direction: z.enum(clusterDirections),
  port: z.number().optional(),
  subset: z.string().optional(),
  host: z.string().optional(),
  /** Envoy's discovery type: EDS, ORIGINAL_DST, STATIC, STRICT_DNS… */
  type: z.string(),
  /** The DestinationRule whose settings the cluster carries. */
  destinationRule: istioObjectRefSchema.optional(),
  circuitBreaker: z
    .object({
      maxConnections: z.number().optional(),
      maxPendingRequests: z.number().optional(),
      maxRequests: z.number().optional(),
      maxRetries: z.number().optional(),
    })
    .optional(),
  outlierDetection: z
    .object({
      consecutive5xx: z.number().optional(),
      consecutiveGatewayFailure: z.number().optional(),
      interval: z.string().optional(),
      baseEjectionTime: z.string().optional(),
      maxEjectionPercent: z.number().optional(),
    })
    .optional(),
  /** False for the bootstrap's own clusters (xds-grpc, prometheus_stats…). */
  dynamic: z.boolean(),
  lastUpdated: z.string().optional(),
});
export type EnvoyCluster = z.infer<typeof envoyClusterSchema>;

export const envoyListenerSchema = z.object({
  name: z.string(),
  address: z.string(),
  port: z.number().optional(),
  filterChains: z.number(),
  /** The route configurations its HTTP connection managers fetch by RDS, in filter-chain order. */
  routeConfigs: z.array(z.string()),
  state: z.enum(["active", "warming", "draining", "error"]),
});
export type EnvoyListener = z.infer<typeof envoyListenerSchema>;

export const stringMatchKinds = [
  "exact",
  "prefix",
  "suffix",
  "contains",
  "regex",
  "present",
  "absent",
  "range",
] as const;

/** One header (or query parameter) condition of a route. */
export const headerMatchSchema = z.object({
  name: z.string(),
  kind: z.enum(stringMatchKinds),
  /** The string, regex or `[start, end)` range; none for presence. */
  value: z.string().optional(),
  ignoreCase: z.boolean(),
  invert: z.boolean(),
});
export type HeaderMatch = z.infer<typeof headerMatchSchema>;

export const pathMatchKinds = ["prefix", "path", "regex", "path_separated_prefix", "connect", "other"] as const;

export const routeMatchSchema = z.object({
  path: z.object({ kind: z.enum(pathMatchKinds), value: z.string() }),
  caseSensitive: z.boolean(),
  headers: z.array(headerMatchSchema),
  queryParameters: z.array(headerMatchSchema),
});
export type RouteMatch = z.infer<typeof routeMatchSchema>;

export const routeActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("cluster"), cluster: z.string() }),
  z.object({
    kind: z.literal("weighted"),
    clusters: z.array(z.object({ cluster: z.string(), weight: z.number() })),
  }),
  z.object({
    kind: z.literal("redirect"),
    /** e.g. "https://example.com:443/new (301)". */
    target: z.string(),
    responseCode: z.number(),
  }),
  z.object({ kind: z.literal("direct_response"), status: z.number(), body: z.string().optional() }),
  z.object({ kind: z.literal("other"), description: z.string() }),
]);
export type RouteAction = z.infer<typeof routeActionSchema>;

export const envoyRouteSchema = z.object({
  /** The VirtualService's http route name, or Istio's `default`. */
  name: z.string().optional(),
  match: routeMatchSchema,
  action: routeActionSchema,
  timeout: z.string().optional(),
  retries: z
    .object({ attempts: z.number(), perTryTimeout: z.string().optional(), retryOn: z.string().optional() })
    .optional(),
  fault: z
    .object({
      delay: z.object({ duration: z.string(), percent: z.number() }).optional(),
      abort: z
        .object({ httpStatus: z.number().optional(), grpcStatus: z.number().optional(), percent: z.number() })
        .optional(),
    })
    .optional(),
  mirrors: z.array(z.object({ cluster: z.string(), percent: z.number() })),
  /** The tracing operation (Istio's decorator). */
  operation: z.string().optional(),
  virtualService: istioObjectRefSchema.optional(),
});
export type EnvoyRoute = z.infer<typeof envoyRouteSchema>;

export const virtualHostSchema = z.object({
  name: z.string(),
  domains: z.array(z.string()),
  routes: z.array(envoyRouteSchema),
});
export type VirtualHost = z.infer<typeof virtualHostSchema>;

export const routeConfigSchema = z.object({ name: z.string(), virtualHosts: z.array(virtualHostSchema) });
export type RouteConfig = z.infer<typeof routeConfigSchema>;

export const endpointHealths = ["HEALTHY", "UNHEALTHY", "DRAINING", "TIMEOUT", "DEGRADED", "UNKNOWN"] as const;

export const envoyEndpointSchema = z.object({
  cluster: z.string(),
  address: z.string(),
  port: z.number().optional(),
  health: z.string(),
  weight: z.number().optional(),
  locality: z.string().optional(),
});
export type EnvoyEndpoint = z.infer<typeof envoyEndpointSchema>;

export const envoySummarySchema = z.object({
  namespace: z.string(),
  pod: z.string(),
  clusters: z.array(envoyClusterSchema),
  listeners: z.array(envoyListenerSchema),
  routeConfigs: z.array(routeConfigSchema),
  endpoints: z.array(envoyEndpointSchema),
  /** Config types the dump held that Topsail does not show (bootstrap, secrets…), by their short name. */
  otherConfigs: z.array(z.string()),
});
export type EnvoySummary = z.infer<typeof envoySummarySchema>;

export const routeStepSchema = z.object({
  index: z.number(),
  route: envoyRouteSchema,
  matched: z.boolean(),
  /** Why the route was skipped (each failed condition), or what matched. */
  reasons: z.array(z.string()),
});
export type RouteStep = z.infer<typeof routeStepSchema>;

export const routeOutcomes = ["routed", "no_route_config", "no_virtual_host", "no_route"] as const;

export const routeDecisionSchema = z.object({
  request: z.object({ host: z.string(), path: z.string(), headers: z.record(z.string(), z.string()) }),
  routeConfig: z.object({ name: z.string(), why: z.string() }).optional(),
  virtualHost: z
    .object({ name: z.string(), domains: z.array(z.string()), matchedDomain: z.string(), why: z.string() })
    .optional(),
  /** The routes tried in order, up to and including the one that matched. */
  steps: z.array(routeStepSchema),
  outcome: z.enum(routeOutcomes),
  /** One sentence for the outcome: where the request goes, or what Envoy answers instead. */
  summary: z.string(),
  /** The clusters the matched route sends to, with what the dump says of each. */
  destinations: z.array(
    z.object({ cluster: z.string(), weight: z.number().optional(), details: envoyClusterSchema.optional() }),
  ),
});
export type RouteDecision = z.infer<typeof routeDecisionSchema>;

/** A pod name (the workload's pods are listed on its detail page). */
export const envoyQuerySchema = z.object({ pod: objectNameSchema });

/** `name:value`, as `curl -H` takes it; the name is lower-cased as HTTP/2 carries it. */
export const headerParamSchema = z
  .string()
  .regex(/^[^:\s][^:]*:/, "each header must be name:value")
  .transform((s) => {
    const at = s.indexOf(":");
    return [s.slice(0, at).trim().toLowerCase(), s.slice(at + 1).trim()] as const;
  });

export const routeMatchQuerySchema = z.object({
  pod: objectNameSchema,
  host: z.string().min(1, "give the request's host, e.g. reviews:9080").max(253),
  path: z
    .string()
    .max(2048)
    .default("/")
    .refine((p) => p.startsWith("/"), "the path starts with /"),
  headers: z
    .array(headerParamSchema)
    .max(32)
    .default([])
    .transform((pairs) => Object.fromEntries(pairs)),
});
export type RouteMatchQuery = z.infer<typeof routeMatchQuerySchema>;

export const envoyPathSchema = z.object({
  namespace: namespaceNameSchema,
  kind: z.literal("workloads", { error: "Envoy configuration is read for workloads" }),
  name: objectNameSchema,
});
