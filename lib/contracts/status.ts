import { z } from "zod";

/** GET /api/status: can the console reach what it needs, and if not, what to do about it. */
export const connectionStatusSchema = z.object({
  kubernetes: z.object({
    ok: z.boolean(),
    version: z.string().optional(),
    istio: z.boolean().optional(),
    server: z.string().optional(),
    message: z.string().optional(),
  }),
  prometheus: z.object({
    ok: z.boolean(),
    url: z.string().optional(),
    version: z.string().optional(),
    istioMetrics: z.boolean().optional(),
    message: z.string().optional(),
  }),
  database: z.object({ ok: z.boolean(), message: z.string().optional() }),
});
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;
