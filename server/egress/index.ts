/**
 * server/egress: the Egress page (README.md), from the console's cluster cache — Istio objects
 * through the shared validation context, the mesh's outbound policy from istiod's `istio`
 * ConfigMap read as the Mesh page reads it (server/mesh/mesh-config.ts) — limited to the
 * namespaces the viewer may see.
 */
import "server-only";
import type { EgressView } from "@/lib/contracts/egress";
import { clusterCacheFor, getKubeConnection, type KubeConnection } from "@/server/adapters/kube";
import { typedConfigMaps } from "@/server/adapters/kube/core-objects";
import { MESH_ROOT_NAMESPACE } from "@/server/adapters/kube/watch-objects";
import { viewerVisibility } from "@/server/auth/namespace-visibility";
import { parseMeshSettings } from "@/server/mesh/mesh-config";
import { loadValidationContext } from "@/server/validation";
import { buildEgressView } from "./build-egress-view";

/** The view of the given namespaces on one cluster connection, whoever may see them (the caller decides). */
export async function readEgressView(connection: KubeConnection, namespaces: readonly string[]): Promise<EgressView> {
  const [context, configMaps] = await Promise.all([
    loadValidationContext(connection),
    clusterCacheFor(connection).list("ConfigMap", MESH_ROOT_NAMESPACE),
  ]);
  const settings = parseMeshSettings(
    typedConfigMaps(configMaps).map((c) => ({ name: c.metadata.name, data: c.data ?? {} })),
    MESH_ROOT_NAMESPACE,
  );
  const outboundPolicy = {
    mode: settings.outboundTrafficPolicy,
    fromConfigMap: settings.fromConfigMap,
    ...(settings.problem !== undefined ? { problem: settings.problem } : {}),
  };
  return buildEgressView(context, outboundPolicy, new Set(namespaces));
}

/** The view of those of the namespaces the viewer may see. */
export async function getEgressViewLive(namespaces: readonly string[]): Promise<EgressView> {
  return readEgressView(getKubeConnection(), await viewerVisibility().filter(namespaces, (n) => n));
}
