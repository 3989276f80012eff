import { experimentCommands } from "@/lib/contracts/experiments";
import { TopsailError } from "@/server/errors";
import { sendExperimentCommandLive } from "@/server/experiments";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** POST /api/experiments/:id/{pause,resume,abort,promote} → 202 ExperimentDetail (the runner acts on its next tick). */
export async function POST(_request: Request, context: { params: Promise<{ id: string; command: string }> }) {
  const { id, command } = await context.params;
  return respond(
    async () => {
      const known = experimentCommands.find((c) => c === command);
      if (!known)
        throw new TopsailError(
          "not_found",
          `No experiment command "${command}"; use ${experimentCommands.join(", ")}.`,
        );
      return sendExperimentCommandLive(id, known);
    },
    { status: 202 },
  );
}
