/**
 * When a namespace's injection labels change, the Deployments whose running pods no longer
 * match what a new pod would get (sidecar or not) are restarted the way
 * `kubectl rollout restart` does it: a `kubectl.kubernetes.io/restartedAt` annotation on the
 * pod template, so the Deployment controller rolls a new ReplicaSet and admission decides
 * injection for each new pod. A real cluster leaves this to the user; the simulator does it
 * so a console's "enable injection" takes effect without a second step.
 */
import { decideInjection, isInjected } from "../admission/sidecar-injection";
import type { KubeObject } from "../store/types";
import { type Action, type Json, REFS, isTerminating, matchesSelector, specOf } from "./objects";

export function rollOnInjectionChange(
  namespace: KubeObject,
  deployments: KubeObject[],
  pods: KubeObject[],
  now: string,
): Action[] {
  const actions: Action[] = [];
  const namespaceName = namespace.metadata.name ?? "";
  for (const deployment of deployments) {
    if (isTerminating(deployment)) continue;
    const spec = specOf(deployment);
    const template = (spec.template as Json | undefined) ?? {};
    const meta = (template.metadata as Json | undefined) ?? {};
    const selector = ((spec.selector as Json | undefined)?.matchLabels as Record<string, string> | undefined) ?? {};
    const running = pods.filter((p) => !isTerminating(p) && matchesSelector(p.metadata.labels, selector));
    if (running.length === 0) continue;
    const decision = decideInjection({
      namespaceName,
      namespaceLabels: namespace.metadata.labels ?? {},
      podLabels: (meta.labels as Record<string, string> | undefined) ?? {},
      podAnnotations: (meta.annotations as Record<string, string> | undefined) ?? {},
      hostNetwork: (template.spec as Json | undefined)?.hostNetwork === true,
      alreadyInjected: false,
    });
    if (running.every((p) => isInjected(p) === decision.inject)) continue;
    const annotations = {
      ...((meta.annotations as Record<string, string> | undefined) ?? {}),
      "kubectl.kubernetes.io/restartedAt": now,
    };
    const updated: KubeObject = {
      ...deployment,
      spec: { ...spec, template: { ...template, metadata: { ...meta, annotations } } },
    };
    actions.push({ type: "update", ref: REFS.deployments, object: updated });
  }
  return actions;
}
