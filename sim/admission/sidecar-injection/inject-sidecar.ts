/**
 * Applies the injection template to a pod the way istiod's mutating webhook does: adds the
 * init and proxy containers and volumes, then the labels and annotations that mark the pod
 * as meshed (`sidecar.istio.io/status`, `security.istio.io/tlsMode`, canonical name and
 * revision, Prometheus scrape annotations pointing at the merged-metrics port 15020).
 */
import { canonicalRevisionOf, canonicalServiceOf, workloadNameOf } from "@/lib/istio/canonical";
import type { KubeObject } from "../../store/types";
import { INJECTED_VOLUMES, injectedVolumes, istioInitContainer, istioProxyContainer } from "./sidecar-template";

type Json = Record<string, unknown>;

function containersOf(spec: Json, key: string): Json[] {
  const value = spec[key];
  return Array.isArray(value) ? (value as Json[]) : [];
}

/** The workload name istiod reports: a ReplicaSet's pods belong to its Deployment. */
function workloadOf(pod: KubeObject): { name: string; owner: string } {
  const ref = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  const podName = pod.metadata.name ?? pod.metadata.generateName?.replace(/-$/, "") ?? "";
  const name = workloadNameOf(podName, ref);
  const ns = pod.metadata.namespace ?? "default";
  const owner = ref
    ? `kubernetes://apis/${ref.kind === "ReplicaSet" ? "apps/v1" : ref.apiVersion}/namespaces/${ns}/${ref.kind === "ReplicaSet" ? "deployments" : `${ref.kind.toLowerCase()}s`}/${name}`
    : `kubernetes://apis/v1/namespaces/${ns}/pods/${podName}`;
  return { name, owner };
}

export function injectSidecar(pod: KubeObject, revision: string): KubeObject {
  const out = structuredClone(pod);
  const spec = ((out.spec as Json | undefined) ?? (out.spec = {})) as Json;
  const app = containersOf(spec, "containers");
  const podPorts = app.flatMap((c) => (Array.isArray(c.ports) ? (c.ports as Json[]) : []));
  const workload = workloadOf(out);

  spec.initContainers = [...containersOf(spec, "initContainers"), istioInitContainer()];
  spec.containers = [
    ...app,
    istioProxyContainer({
      podName: out.metadata.name ?? "",
      workloadName: workload.name,
      ownerReference: workload.owner,
      appContainers: app.map((c) => String(c.name)),
      podPorts,
    }),
  ];
  spec.volumes = [...containersOf(spec, "volumes"), ...injectedVolumes()];

  const labels = (out.metadata.labels ??= {});
  labels["security.istio.io/tlsMode"] = "istio";
  labels["service.istio.io/canonical-name"] = canonicalServiceOf(labels, workload.name);
  labels["service.istio.io/canonical-revision"] = canonicalRevisionOf(labels);

  const annotations = (out.metadata.annotations ??= {});
  const firstApp = app[0]?.name;
  if (typeof firstApp === "string") {
    annotations["kubectl.kubernetes.io/default-container"] = firstApp;
    annotations["kubectl.kubernetes.io/default-logs-container"] = firstApp;
  }
  annotations["istio.io/rev"] = revision;
  annotations["prometheus.io/path"] = "/stats/prometheus";
  annotations["prometheus.io/port"] = "15020";
  annotations["prometheus.io/scrape"] = "true";
  annotations["sidecar.istio.io/status"] = JSON.stringify({
    initContainers: ["istio-init"],
    containers: ["istio-proxy"],
    volumes: INJECTED_VOLUMES,
    imagePullSecrets: null,
    revision,
  });
  return out;
}

export function isInjected(pod: KubeObject): boolean {
  if (pod.metadata.annotations?.["sidecar.istio.io/status"]) return true;
  const spec = (pod.spec as Json | undefined) ?? {};
  return containersOf(spec, "containers").some((c) => c.name === "istio-proxy");
}
