/** Bodies the control API accepts, as zod schemas: anything else is a 400 that says what is wrong. */
import { z } from "zod";
import { ENTRY_POINTS, EXTERNAL_SCHEME_PORTS, type ExternalScheme } from "../load/load-settings";

export const loadBodySchema = z
  .object({
    entryPoint: z.enum(ENTRY_POINTS),
    requestsPerSecond: z.number().min(0).max(100_000).optional(),
    connections: z.number().int().min(0).max(1_000).optional(),
    jasonShare: z.number().min(0).max(1).optional(),
    /** external only: a DNS name outside the cluster, as curl would be given it. */
    host: z
      .string()
      .max(253)
      .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, "a DNS name such as httpbin.org")
      .optional(),
    /** external only: http, or https (TLS from the app, routed by SNI). */
    scheme: z.enum(Object.keys(EXTERNAL_SCHEME_PORTS) as [ExternalScheme, ...ExternalScheme[]]).optional(),
    port: z.number().int().min(1).max(65_535).optional(),
    path: z.string().startsWith("/").max(2_000).optional(),
  })
  .strict()
  .refine(
    (b) =>
      b.entryPoint === "external" ||
      (b.host === undefined && b.port === undefined && b.path === undefined && b.scheme === undefined),
    {
      message: "scheme, host, port and path are for the external entry point",
    },
  )
  // A scheme without a port means the scheme's own port, as curl reads `https://host`.
  .transform((b) =>
    b.scheme !== undefined && b.port === undefined ? { ...b, port: EXTERNAL_SCHEME_PORTS[b.scheme] } : b,
  );

export const workloadBodySchema = z
  .object({
    errorRate: z.number().min(0).max(1).optional(),
    /** The grpc-status of failing answers to gRPC calls (1–16; 0 is OK, not a failure). */
    grpcStatus: z.number().int().min(1).max(16).optional(),
    latencyMs: z
      .object({
        p50: z.number().positive().max(600_000),
        p99: z.number().positive().max(3_600_000).optional(),
      })
      .strict()
      .refine((l) => l.p99 === undefined || l.p99 >= l.p50, { message: "p99 must be at least p50" })
      .optional(),
  })
  .strict()
  .refine((b) => b.errorRate !== undefined || b.latencyMs !== undefined || b.grpcStatus !== undefined, {
    message: "give errorRate, latencyMs and/or grpcStatus",
  });

/** A proxy that stops acknowledging istiod's pushes (`stale: true`) or acks the latest again (`false`). */
export const proxyBodySchema = z.object({ stale: z.boolean() }).strict();

export type LoadBody = z.infer<typeof loadBodySchema>;
export type WorkloadBody = z.infer<typeof workloadBodySchema>;
export type ProxyBody = z.infer<typeof proxyBodySchema>;
