/**
 * The flag explainer on the live cluster, as the current viewer may see it: both ends'
 * namespaces must be visible (404 otherwise, as for a namespace that does not exist), and the
 * config the rules read holds only objects of namespaces the viewer may see, so no sentence
 * names an object they could not open (a root-namespace policy, another team's
 * VirtualService). Prometheus answers come through the graph's client; the audit log is read
 * only for the objects the rules blamed.
 */
import "server-only";
import type {
  FlagExplanationQuery,
  FlagExplanationResponse,
  NodeFlagExplanationQuery,
  NodeFlagExplanationResponse,
} from "@/lib/contracts/flag-explanation";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection } from "@/server/adapters/kube";
import { istioInventoryKinds, type IstioKey } from "@/server/adapters/kube/list-mesh-inventory";
import { getPrometheusClient, queryVector } from "@/server/adapters/prometheus";
import { PODS, requireReadable, requireVisibleNamespace, viewerVisibility } from "@/server/auth/namespace-visibility";
import { createValidationContext, type ValidationContext } from "@/server/validation/context";
import { loadValidationContext } from "@/server/validation/load-validation-context";
import { explainEdgeFlags, explainNodeFlags, type FlagExplainerSources } from "./explain-flags-service";

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

function liveSources(): FlagExplainerSources {
  const prometheus = getPrometheusClient();
  return {
    queryPrometheus: (promql, time) => queryVector(prometheus, promql, time),
    loadContext: async () => visibleContext(await loadValidationContext(getKubeConnection())),
    auditEntriesOf: (ref) => listAuditEntries(getDb(), { ...ref, status: "applied", limit: AUDIT_ENTRIES_PER_OBJECT }),
  };
}

export async function explainEdgeFlagsLive(query: FlagExplanationQuery): Promise<FlagExplanationResponse> {
  // The answer shows the callee's config and pods: the viewer must be able to read them there.
  await requireReadable(query.namespace, PODS);
  await requireVisibleNamespace(query.sourceNamespace);
  return explainEdgeFlags(liveSources(), query, new Date());
}

/**
 * A node's callers may be in namespaces the viewer cannot see: their requests still count in
 * the shares (the node received them), but they are not named in the per-caller breakdown.
 */
export async function explainNodeFlagsLive(query: NodeFlagExplanationQuery): Promise<NodeFlagExplanationResponse> {
  await requireReadable(query.node.namespace, PODS);
  const answer = await explainNodeFlags(liveSources(), query, new Date());
  const visibility = viewerVisibility();
  if (visibility.everything) return answer;
  let hidden = false;
  const flags = await Promise.all(
    answer.flags.map(async (flag) => {
      const callers = await visibility.filter(flag.callers, (c) => c.namespace);
      hidden ||= callers.length < flag.callers.length;
      return { ...flag, callers };
    }),
  );
  const note = "Callers in namespaces you cannot see count in the shares but are not named.";
  return { ...answer, flags, notes: hidden ? [...answer.notes, note] : answer.notes };
}
