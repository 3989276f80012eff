import { countExperimentsByPhaseLive } from "@/server/experiments";
import { countExperimentsWith, renderMetrics } from "@/server/observability/console-metrics";

export const dynamic = "force-dynamic";

countExperimentsWith(countExperimentsByPhaseLive);

/** GET /metrics → the console's own metrics in Prometheus's text format (server/observability/README.md). */
export async function GET() {
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { "Content-Type": contentType } });
}
