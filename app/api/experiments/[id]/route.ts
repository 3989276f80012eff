import { getExperimentLive } from "@/server/experiments";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/experiments/:id → ExperimentDetail with its timeline. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  return respond(() => getExperimentLive(id));
}
