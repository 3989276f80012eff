/**
 * The query scope: label matchers added to every selector the console writes, for a
 * Prometheus shared by several meshes (TOPSAIL_PROMETHEUS_QUERY_SCOPE, e.g.
 * `mesh_id="mesh1"`). Read from the configuration on first use; `setQueryScope` replaces it
 * (tests, tools that build queries for another mesh).
 */
import "server-only";
import { getConfig } from "@/server/config";
import type { LabelMatcher } from "@/lib/promql-label-matchers";

let scope: readonly LabelMatcher[] | undefined;

export function queryScope(): readonly LabelMatcher[] {
  scope ??= getConfig().prometheus.queryScope;
  return scope;
}

export function setQueryScope(matchers: readonly LabelMatcher[]): void {
  scope = matchers;
}
