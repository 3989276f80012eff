/**
 * The mesh-wide settings the data plane follows, read as istiod reads them: the `mesh` key of
 * the `istio` ConfigMap in the root namespace, a YAML MeshConfig. Only what the engine acts on
 * is kept: `outboundTrafficPolicy.mode`, which decides what a sidecar does with a host that no
 * Service or ServiceEntry declares — ALLOW_ANY (Istio's default) lets it through
 * PassthroughCluster, REGISTRY_ONLY answers 502 from the route `block_all` (BlackHoleCluster).
 * A missing ConfigMap, missing key or unreadable YAML means the default, as istiod falls back
 * to its defaults.
 */
import { parse } from "yaml";
import { z } from "zod";
import type { KubeObject } from "../../store/types";

export type OutboundTrafficMode = "ALLOW_ANY" | "REGISTRY_ONLY";

export interface MeshConfig {
  outboundTrafficMode: OutboundTrafficMode;
}

export const DEFAULT_MESH_CONFIG: MeshConfig = { outboundTrafficMode: "ALLOW_ANY" };

const meshSchema = z.object({
  outboundTrafficPolicy: z.object({ mode: z.string().optional() }).nullish(),
});

export function readMeshConfig(configMaps: readonly KubeObject[], rootNamespace: string): MeshConfig {
  const istio = configMaps.find((c) => c.metadata.namespace === rootNamespace && c.metadata.name === "istio");
  const data = (istio as { data?: Record<string, unknown> } | undefined)?.data;
  const text = data?.mesh;
  if (typeof text !== "string") return DEFAULT_MESH_CONFIG;
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch {
    return DEFAULT_MESH_CONFIG;
  }
  const mesh = meshSchema.safeParse(parsed ?? {});
  // ALLOW_ANY_DYNAMIC_DNS behaves as ALLOW_ANY for the hosts the engine calls.
  const mode = mesh.success ? mesh.data.outboundTrafficPolicy?.mode : undefined;
  return { outboundTrafficMode: mode === "REGISTRY_ONLY" ? "REGISTRY_ONLY" : "ALLOW_ANY" };
}
