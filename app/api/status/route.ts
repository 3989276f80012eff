import { respond } from "@/server/http/to-error-response";
import { getLiveConnectionStatus } from "@/server/status";

export const dynamic = "force-dynamic";

export function GET() {
  return respond(getLiveConnectionStatus);
}
