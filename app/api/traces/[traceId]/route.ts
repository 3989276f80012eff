import { z } from "zod";
import { traceIdSchema } from "@/lib/contracts/tracing";
import { respond } from "@/server/http/to-error-response";
import { parseInput } from "@/server/http/parse-input";
import { getTraceLive } from "@/server/tracing";

export const dynamic = "force-dynamic";

const pathSchema = z.object({ traceId: traceIdSchema });

/** GET /api/traces/ID → the trace's spans as a waterfall and its path through the graph. */
export function GET(_request: Request, context: { params: Promise<{ traceId: string }> }) {
  return respond(async () => {
    const { traceId } = parseInput(pathSchema, await context.params, "path");
    return getTraceLive(traceId);
  });
}
