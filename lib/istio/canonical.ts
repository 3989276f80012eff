/**
 * Canonical service and revision of a workload, as Istio's telemetry labels them
 * (`source_canonical_service`, `destination_canonical_revision`, …). The sidecar injector
 * writes the same values into the pod's `service.istio.io/canonical-*` labels.
 */

type Labels = Record<string, string> | undefined;

const SERVICE_LABELS = ["service.istio.io/canonical-name", "app.kubernetes.io/name", "app"] as const;
const REVISION_LABELS = ["service.istio.io/canonical-revision", "app.kubernetes.io/version", "version"] as const;

function firstLabel(labels: Labels, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = labels?.[key];
    if (value) return value;
  }
  return undefined;
}

/** Label `service.istio.io/canonical-name`, else `app.kubernetes.io/name`, else `app`, else the workload name. */
export function canonicalServiceOf(labels: Labels, workloadName: string): string {
  return firstLabel(labels, SERVICE_LABELS) ?? workloadName;
}

/** Label `service.istio.io/canonical-revision`, else `app.kubernetes.io/version`, else `version`, else `latest`. */
export function canonicalRevisionOf(labels: Labels): string {
  return firstLabel(labels, REVISION_LABELS) ?? "latest";
}

/**
 * The workload name Istio reports for a pod: the Deployment's name when the pod belongs to a
 * ReplicaSet named `<deployment>-<hash>`, else the owner's or the pod's own name.
 */
export function workloadNameOf(podName: string, owner?: { kind: string; name: string }): string {
  if (!owner) return podName;
  if (owner.kind === "ReplicaSet") {
    const dash = owner.name.lastIndexOf("-");
    return dash > 0 ? owner.name.slice(0, dash) : owner.name;
  }
  return owner.name;
}
