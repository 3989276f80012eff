/**
 * KIA0004: a policy's workload selector matches no workload, so the object has no effect.
 * Where each kind keeps its selector is a table row. A policy in the root namespace reaches
 * workloads in every namespace; elsewhere only its own namespace.
 */
import "server-only";
import { buildCheck } from "../../codes";
import { asLabels, workloadsSelected } from "../../labels";
import { namespaceOf, type Rule, type ValidatableObject } from "../../types";

const SELECTORS: Record<string, { path: string; read: (spec: Record<string, unknown>) => unknown }> = {
  Sidecar: {
    path: "spec/workloadSelector",
    read: (spec) => (spec.workloadSelector as { labels?: unknown } | undefined)?.labels,
  },
  PeerAuthentication: {
    path: "spec/selector",
    read: (spec) => (spec.selector as { matchLabels?: unknown } | undefined)?.matchLabels,
  },
  AuthorizationPolicy: {
    path: "spec/selector",
    read: (spec) => (spec.selector as { matchLabels?: unknown } | undefined)?.matchLabels,
  },
  RequestAuthentication: {
    path: "spec/selector",
    read: (spec) => (spec.selector as { matchLabels?: unknown } | undefined)?.matchLabels,
  },
};

export const checkSelectorMatchesWorkload: Rule<ValidatableObject> = (object, context) => {
  const entry = SELECTORS[object.kind];
  if (!entry || !object.spec || typeof object.spec !== "object") return [];
  const selector = asLabels(entry.read(object.spec as Record<string, unknown>));
  if (!selector || Object.keys(selector).length === 0) return [];
  const namespace = namespaceOf(object);
  const scope = namespace === context.mesh.rootNamespace ? "*" : namespace;
  if (workloadsSelected(selector, scope, context).length > 0) return [];
  return [
    buildCheck("KIA0004", entry.path, {
      detail: Object.entries(selector)
        .map(([k, v]) => `${k}=${v}`)
        .join(","),
    }),
  ];
};
