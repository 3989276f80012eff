/**
 * The mesh's components from the root namespace's pods and Services: istiod's pods (`app: istiod`, as Istio's chart
 * labels them) with their version from the discovery image's tag and their revision from `istio.io/rev`, and the
 * gateways — standalone Envoys labelled `istio: ingressgateway` / `istio: egressgateway` (the chart's labels; a
 * gateway installed under another name is told apart by the word in that label) — each with the Services that
 * select its pods.
 */
import "server-only";
import type { IstiodPod, MeshGateway } from "@/lib/contracts/mesh";
import type { PodObject } from "@/server/inventory/read-namespace-objects";

export interface ServiceData {
  name: string;
  type: string;
  selector: Record<string, string>;
  ports: { name?: string; port: number }[];
  externalAddresses: string[];
}

/** `docker.io/istio/pilot:1.24.2` → `1.24.2`; a digest-only or untagged image → `unknown`. */
export function imageTag(image: string): string {
  const name = image.split("@")[0] ?? "";
  const colon = name.lastIndexOf(":");
  return colon > name.lastIndexOf("/") ? name.slice(colon + 1) : "unknown";
}

export function istiodPodsOf(namespace: string, pods: readonly PodObject[]): IstiodPod[] {
  return pods
    .filter((p) => p.labels.app === "istiod")
    .map((p) => {
      const container = p.containers.find((c) => c.name === "discovery") ?? p.containers[0];
      return {
        name: p.name,
        namespace,
        ready: p.ready,
        version: imageTag(container?.image ?? ""),
        revision: p.labels["istio.io/rev"] ?? "default",
        image: container?.image ?? "",
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** ingress or egress from a gateway pod's `istio` label (`ingressgateway`, `egressgateway`, …); else none. */
export function gatewayKindOf(labels: Record<string, string>): MeshGateway["kind"] | undefined {
  const istio = labels.istio ?? "";
  if (!istio.endsWith("gateway")) return undefined;
  if (istio.includes("ingress")) return "ingress";
  if (istio.includes("egress")) return "egress";
  return undefined;
}

const KIND_ORDER: Record<MeshGateway["kind"], number> = { ingress: 0, egress: 1 };

const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** One entry per gateway workload, ingress first, with the Services that select any of its pods. */
export function gatewaysOf(
  namespace: string,
  pods: readonly PodObject[],
  services: readonly ServiceData[],
): MeshGateway[] {
  const byWorkload = new Map<string, { kind: MeshGateway["kind"]; pods: PodObject[] }>();
  for (const pod of pods) {
    const kind = gatewayKindOf(pod.labels);
    if (!kind) continue;
    const entry = byWorkload.get(pod.workload) ?? { kind, pods: [] };
    entry.pods.push(pod);
    byWorkload.set(pod.workload, entry);
  }
  return [...byWorkload]
    .map(([name, { kind, pods: its }]) => ({
      kind,
      namespace,
      name,
      pods: its.map((p) => ({ name: p.name, ready: p.ready })).sort((a, b) => a.name.localeCompare(b.name)),
      services: services
        .filter((s) => its.some((p) => selects(s.selector, p.labels)))
        .map(({ name: service, type, externalAddresses, ports }) => ({
          name: service,
          type,
          externalAddresses,
          ports,
        })),
    }))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));
}
