/**
 * The flag explainer on the live cluster, as the current viewer may see it: both ends'
 * namespaces must be visible (404 otherwise, as for a namespace that does not exist), and the
 * config the rules read holds only objects of namespaces the viewer may see, so no sentence
 * names an object they could not open (a root-namespace policy, another team's
 * VirtualService). Prometheus answers come through the graph's client; the audit log is read
 * only for the objects the rules blamed.
 */
import "server-only";
import type { FlagExplanationQuery, FlagExplanationResponse } from "@/lib/contracts/flag-explanation";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection } from "@/server/adapters/kube";
import { istioInventoryKinds, type IstioKey } from "@/server/adapters/kube/list-mesh-inventory";
import { getPrometheusClient, queryVector } from "@/server/adapters/prometheus";
import { requireVisibleNamespace, viewerVisibility } from "@/server/auth/namespace-visibility";
import { createValidationContext, type ValidationContext } from "@/server/validation/context";
import { loadValidationContext } from "@/server/validation/load-validation-context";
import { explainEdgeFlags, type FlagExplainerSources } from "./explain-flags-service";

/** How far back the log is read per object: the change that set a field is almost always among the last few. */
const AUDIT_ENTRIES_PER_OBJECT = 20;

async function visibleContext(context: ValidationContext): Promise<ValidationContext> {
  const visibility = viewerVisibility();
  if (visibility.everything) return context;
  const inventory = { ...context };
  for (const key of Object.keys(istioInventoryKinds) as IstioKey[])
    (inventory[key] as unknown[]) = await visibility.filter(
      context[key] as readonly { metadata: { namespace?: string } }[],
      (o) => o.metadata.namespace ?? "",
    );
  return createValidationContext(inventory);
}

export async function explainEdgeFlagsLive(query: FlagExplanationQuery): Promise<FlagExplanationResponse> {
  await requireVisibleNamespace(query.namespace);
  await requireVisibleNamespace(query.sourceNamespace);
  const prometheus = getPrometheusClient();
  const sources: FlagExplainerSources = {
    queryPrometheus: (promql, time) => queryVector(prometheus, promql, time),
    loadContext: async () => visibleContext(await loadValidationContext(getKubeConnection())),
    auditEntriesOf: (ref) => listAuditEntries(getDb(), { ...ref, status: "applied", limit: AUDIT_ENTRIES_PER_OBJECT }),
  };
  return explainEdgeFlags(sources, query, new Date());
}
