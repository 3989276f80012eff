import { createExperimentRequestSchema } from "@/lib/contracts/experiments";
import { startExperimentLive, listExperimentsLive } from "@/server/experiments";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/experiments?namespace=&service= → ExperimentList, newest first. */
export function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  return respond(() =>
    listExperimentsLive({
      namespace: params.get("namespace") ?? undefined,
      service: params.get("service") ?? undefined,
    }),
  );
}

/** POST /api/experiments { spec } → 201 ExperimentDetail (pending; the runner starts it). */
export function POST(request: Request) {
  return respond(async () => startExperimentLive((await readJsonBody(request, createExperimentRequestSchema)).spec), {
    status: 201,
  });
}
