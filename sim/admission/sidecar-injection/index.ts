/** istiod's sidecar-injector webhook for pod CREATE: decide from labels, then inject. */
import type { KubeObject } from "../../store/types";
import type { AdmissionRequest } from "../types";
import { decideInjection } from "./injection-policy";
import { injectSidecar, isInjected } from "./inject-sidecar";

export { decideInjection } from "./injection-policy";
export { injectSidecar, isInjected } from "./inject-sidecar";

export function maybeInjectSidecar(request: AdmissionRequest, pod: KubeObject): KubeObject {
  const namespaceName = pod.metadata.namespace ?? request.namespace ?? "default";
  const namespace = request.lookup("", "namespaces", undefined, namespaceName);
  const spec = (pod.spec ?? {}) as { hostNetwork?: boolean };
  const decision = decideInjection({
    namespaceName,
    namespaceLabels: namespace?.metadata.labels ?? {},
    podLabels: pod.metadata.labels ?? {},
    podAnnotations: pod.metadata.annotations ?? {},
    hostNetwork: spec.hostNetwork === true,
    alreadyInjected: isInjected(pod),
  });
  return decision.inject ? injectSidecar(pod, decision.revision) : pod;
}
