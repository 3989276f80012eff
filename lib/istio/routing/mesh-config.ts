/**
 * The mesh-wide settings the data plane follows, read as istiod reads them: the `mesh` key of
 * the `istio` ConfigMap in the root namespace, a YAML MeshConfig. Only what the engine acts on
 * is kept: `outboundTrafficPolicy.mode`, which decides what a sidecar does with a host that no
 * Service or ServiceEntry declares — ALLOW_ANY (Istio's default) lets it through
 * PassthroughCluster (as does ALLOW_ANY_DYNAMIC_DNS for the hosts the engine calls),
 * REGISTRY_ONLY answers 502 from the route `block_all` (BlackHoleCluster). The parsing is
 * the console's too (lib/istio/mesh-config.ts). A missing ConfigMap, missing key or unreadable
 * YAML means the default, as istiod falls back to its defaults.
 */
import { parseMeshConfig } from "@/lib/istio/mesh-config";
import type { PlainKubeObject } from "@/lib/kube/plain-object";

/** What the engine does with an unregistered host; ALLOW_ANY_DYNAMIC_DNS behaves as ALLOW_ANY here. */
export type OutboundTrafficMode = "ALLOW_ANY" | "REGISTRY_ONLY";

export interface MeshConfig {
  outboundTrafficMode: OutboundTrafficMode;
}

export const DEFAULT_MESH_CONFIG: MeshConfig = { outboundTrafficMode: "ALLOW_ANY" };

export function readMeshConfig(configMaps: readonly PlainKubeObject[], rootNamespace: string): MeshConfig {
  const istio = configMaps.find((c) => c.metadata.namespace === rootNamespace && c.metadata.name === "istio");
  const text = (istio as { data?: Record<string, unknown> } | undefined)?.data?.mesh;
  const parsed = parseMeshConfig(typeof text === "string" ? text : undefined);
  const mode = parsed.ok ? parsed.mesh.outboundTrafficPolicy?.mode : undefined;
  return { outboundTrafficMode: mode === "REGISTRY_ONLY" ? "REGISTRY_ONLY" : "ALLOW_ANY" };
}
