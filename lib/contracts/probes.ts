import { z } from "zod";

/** GET /api/health: the process answers; nothing else is touched. */
export const healthSchema = z.object({ status: z.literal("ok") });
export type Health = z.infer<typeof healthSchema>;

const check = z.object({ ok: z.boolean(), message: z.string().optional() });

/**
 * GET /api/ready: 200 when the console can serve (database reachable, migrations applied),
 * 503 otherwise with `reason`. Kubernetes and Prometheus are reported but never make it
 * unready: a console that lost Prometheus stays in rotation and shows its banner.
 */
export const readinessSchema = z.object({
  status: z.enum(["ready", "unready"]),
  reason: z.string().optional(),
  checks: z.object({
    database: check,
    migrations: check,
    kubernetes: check,
    prometheus: check,
  }),
});
export type Readiness = z.infer<typeof readinessSchema>;
