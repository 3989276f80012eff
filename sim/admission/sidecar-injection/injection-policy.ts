/**
 * Whether istiod's injector would add a sidecar to a new pod. Istio's documented policy
 * ("Controlling the injection policy", istio.io sidecar-injection):
 *
 *   | resource  | label                   | enabled   | disabled  |
 *   | Namespace | istio-injection         | enabled   | disabled  |
 *   | Pod       | sidecar.istio.io/inject | "true"    | "false"   |
 *
 * 1. if either label is disabled, the pod is not injected;
 * 2. if either label is enabled, the pod is injected;
 * 3. if neither is set, the pod is injected only with enableNamespacesByDefault (off by default).
 *
 * `istio.io/rev` on the namespace (or the pod) selects a revision's injector and counts as
 * enabled when `istio-injection` is absent (`istio-injection` wins when both are set). The
 * deprecated pod *annotation* `sidecar.istio.io/inject` is still read by the injector, so
 * "false" opts a pod out, but it cannot select the webhook, so "true" alone in an unlabelled
 * namespace does nothing. The injector never touches kube-system/kube-public (its hard rule),
 * istio-system (no label there), host-network pods, or a pod already injected.
 */

export type InjectionDecision = { inject: true; revision: string } | { inject: false; reason: string };

export interface InjectionInputs {
  namespaceName: string;
  namespaceLabels: Record<string, string>;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  hostNetwork: boolean;
  alreadyInjected: boolean;
  enableNamespacesByDefault?: boolean;
}

const NEVER_INJECTED = new Set(["kube-system", "kube-public", "istio-system"]);
const FALSE_VALUES = new Set(["false", "n", "no", "off", "0"]);

type Vote = "enabled" | "disabled" | "unset";

function namespaceVote(labels: Record<string, string>): { vote: Vote; revision?: string } {
  const label = labels["istio-injection"];
  if (label === "enabled") return { vote: "enabled", revision: "default" };
  if (label !== undefined) return { vote: "disabled" };
  const rev = labels["istio.io/rev"];
  if (rev) return { vote: "enabled", revision: rev };
  return { vote: "unset" };
}

function podVote(labels: Record<string, string>): { vote: Vote; revision?: string } {
  const label = labels["sidecar.istio.io/inject"];
  if (label === "true") return { vote: "enabled", revision: labels["istio.io/rev"] ?? "default" };
  if (label !== undefined) return { vote: "disabled" };
  const rev = labels["istio.io/rev"];
  if (rev) return { vote: "enabled", revision: rev };
  return { vote: "unset" };
}

export function decideInjection(input: InjectionInputs): InjectionDecision {
  if (NEVER_INJECTED.has(input.namespaceName))
    return { inject: false, reason: `namespace ${input.namespaceName} is never injected` };
  if (input.alreadyInjected) return { inject: false, reason: "pod already injected" };
  if (input.hostNetwork) return { inject: false, reason: "pod uses the host network" };

  const ns = namespaceVote(input.namespaceLabels);
  const pod = podVote(input.podLabels);
  if (ns.vote === "disabled" || pod.vote === "disabled")
    return { inject: false, reason: "injection disabled by label" };

  const annotation = input.podAnnotations["sidecar.istio.io/inject"];
  if (annotation !== undefined && FALSE_VALUES.has(annotation.toLowerCase()))
    return { inject: false, reason: "injection disabled by annotation" };

  if (pod.vote === "enabled") return { inject: true, revision: pod.revision ?? "default" };
  if (ns.vote === "enabled") return { inject: true, revision: ns.revision ?? "default" };
  if (input.enableNamespacesByDefault) return { inject: true, revision: "default" };
  return { inject: false, reason: "no injection label" };
}
