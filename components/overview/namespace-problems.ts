/**
 * The Overview's "Most problems first" order (pure). A namespace's problems are counted by
 * kind, and namespaces are ranked by their most severe kind first, then by how many — a
 * single failing application outranks any number of config warnings, where a weighted sum
 * would let many small findings bury one outage.
 *
 * Not problems, so they never lift a namespace: applications without data ("na": no
 * requests to judge) or of unknown health (Prometheus did not answer); pods without a
 * sidecar in a control-plane namespace (istiod and the gateways run without one by design)
 * or in a namespace labelled `istio-injection=disabled` (kept out of the mesh on purpose).
 */
import type { NamespaceOverview } from "@/lib/contracts/overview";

export interface NamespaceProblems {
  failingApps: number;
  configErrors: number;
  degradedApps: number;
  missingSidecars: number;
  configWarnings: number;
}

/** Most severe first: the order the ranking compares them in. */
export const problemSeverity = [
  "failingApps",
  "configErrors",
  "degradedApps",
  "missingSidecars",
  "configWarnings",
] as const satisfies readonly (keyof NamespaceProblems)[];

type Judged = Pick<NamespaceOverview, "name" | "controlPlane" | "health" | "config" | "injection">;

/** Whether a pod without a sidecar here is one that should have had it. */
function expectsSidecars(ns: Judged): boolean {
  return !ns.controlPlane && ns.injection.state !== "disabled";
}

export function problemsOf(ns: Judged): NamespaceProblems {
  return {
    failingApps: ns.health.failure,
    configErrors: ns.config.errors,
    degradedApps: ns.health.degraded,
    missingSidecars: expectsSidecars(ns) ? ns.injection.podsWithoutSidecar : 0,
    configWarnings: ns.config.warnings,
  };
}

/** For `Array.prototype.sort`: most problems first; namespaces without any by name. */
export function compareByProblems(a: Judged, b: Judged): number {
  const pa = problemsOf(a);
  const pb = problemsOf(b);
  for (const k of problemSeverity) if (pa[k] !== pb[k]) return pb[k] - pa[k];
  return a.name.localeCompare(b.name);
}
