/**
 * UH (no healthy upstream) and NC (no cluster): the caller's proxy had nowhere to send the
 * request. NC: a VirtualService routes to a subset no DestinationRule of the host defines, so
 * istiod built no cluster for it. UH: the cluster exists but has no endpoint to pick — the
 * subset's labels (with the Service's selector) select no running pod, the Service selects
 * none, or outlier detection has ejected them all.
 */
import "server-only";
import { destinationRulesOf, podsBehind, subsetReferences, trafficPoliciesOf } from "./explain-flags-config";
import { nameOf, type CauseAt, type FlagRule, type RuleAnswer } from "./explain-flags-types";

const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

/** Subsets the routes name that no DestinationRule of the host defines. */
export const explainNoCluster: FlagRule = ({ scope }) => {
  const defined = new Set(destinationRulesOf(scope).flatMap((dr) => (dr.spec?.subsets ?? []).map((s) => s.name)));
  const missing = subsetReferences(scope).filter((ref) => !defined.has(ref.subset));
  if (missing.length === 0)
    return {
      explained: false,
      because: [
        `Every subset the VirtualServices of ${scope.service} route to is defined by a DestinationRule now: the ` +
          `config was probably fixed after the window's requests, or the route names another host's subset.`,
      ],
      causes: [],
      figures: [],
    };
  return {
    explained: true,
    because: missing.map(
      (ref) =>
        `${nameOf(ref.route.vs)} routes to subset "${ref.subset}" of ${scope.service}, which no DestinationRule of ` +
        `the host defines: istiod builds no cluster for it and the caller's proxy answers 503 NC.`,
    ),
    causes: missing.map((ref) => ({ object: ref.route.vs, path: ref.path, value: ref.subset })),
    figures: [],
  };
};

export const explainNoHealthyUpstream: FlagRule = ({ scope }): RuleAnswer => {
  const causes: CauseAt[] = [];
  const because: string[] = [];
  const referenced = new Set(subsetReferences(scope).map((r) => r.subset));
  for (const dr of destinationRulesOf(scope)) {
    (dr.spec?.subsets ?? []).forEach((subset, i) => {
      if (!subset.name || !referenced.has(subset.name)) return;
      const labels = subset.labels ?? {};
      if (podsBehind(scope, labels).length > 0) return;
      causes.push({ object: dr, path: `spec/subsets[${i}]/labels`, value: labelText(labels) });
      because.push(
        `Subset "${subset.name}" of ${nameOf(dr)} selects no running pod of ${scope.service} (${labelText(labels)}), ` +
          `and a route sends requests to it: the caller's proxy finds no endpoint and answers 503 UH.`,
      );
    });
  }
  if (causes.length > 0) return { explained: true, because, causes, figures: [] };
  if (podsBehind(scope).length === 0)
    return {
      explained: true,
      because: [
        `The Service ${scope.service} (${scope.namespace}) selects no running pod: every request finds no endpoint (503 UH). ` +
          `Check its selector and whether its Deployment is scaled down.`,
      ],
      causes: [],
      figures: [],
    };
  const ejecting = trafficPoliciesOf(scope).filter((at) => at.policy.outlierDetection);
  if (ejecting.length > 0)
    return {
      explained: true,
      because: ejecting.map(
        (at) =>
          `${nameOf(at.dr)} ejects pods that fail (outlierDetection, ${at.scope}, up to ` +
          `${at.policy.outlierDetection?.maxEjectionPercent ?? 10}% of them): while every pod is ejected the caller's ` +
          `proxy answers 503 UH.`,
      ),
      causes: ejecting.map((at) => ({
        object: at.dr,
        path: `${at.path}/outlierDetection`,
        value: `maxEjectionPercent ${at.policy.outlierDetection?.maxEjectionPercent ?? 10}`,
      })),
      figures: [],
    };
  return {
    explained: false,
    because: [
      `${scope.service} has running pods and every routed subset selects some: the pods were probably not ready ` +
        `(failing readiness probes) or restarting during the window.`,
    ],
    causes: [],
    figures: [],
  };
};
