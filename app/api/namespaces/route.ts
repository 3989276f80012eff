import { respond } from "@/server/http/to-error-response";
import { listClusterNamespaces } from "@/server/namespaces/list-cluster-namespaces";

export const dynamic = "force-dynamic";

export function GET() {
  return respond(listClusterNamespaces);
}
