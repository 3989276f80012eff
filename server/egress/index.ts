/**
 * server/egress: the Egress page (README.md), from the console's cluster cache — Istio objects
 * through the shared validation context, the mesh's outbound policy from istiod's `istio`
 * ConfigMap read as the Mesh page reads it (server/mesh/mesh-config.ts) — limited to the
 * namespaces the viewer may see and, in them, to the kinds they may list there.
 */
import "server-only";
import type { EgressView } from "@/lib/contracts/egress";
import { clusterCacheFor, getKubeConnection, type KubeConnection } from "@/server/adapters/kube";
import { typedConfigMaps } from "@/server/adapters/kube/core-objects";
import { MESH_ROOT_NAMESPACE } from "@/server/adapters/kube/watch-objects";
import { istioResourceOf, viewerVisibility } from "@/server/auth/namespace-visibility";
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

const SERVICE_ENTRIES = istioResourceOf("ServiceEntry");
const VIRTUAL_SERVICES = istioResourceOf("VirtualService");
const GATEWAYS = istioResourceOf("Gateway");
const DESTINATION_RULES = istioResourceOf("DestinationRule");

/**
 * The view of those of the namespaces the viewer may see, each row kept only where they may
 * list its kind (a route needs its VirtualService and its Gateway): the page spans kinds and
 * namespaces, so what they may not read is left out rather than refusing the page.
 */
export async function getEgressViewLive(namespaces: readonly string[]): Promise<EgressView> {
  const visibility = viewerVisibility();
  const view = await readEgressView(getKubeConnection(), await visibility.filter(namespaces, (n) => n));
  if (visibility.everything) return view;
  const [serviceEntries, routedByReadableServices, tlsOrigination] = await Promise.all([
    visibility.filterReadable(
      view.serviceEntries,
      (e) => e.namespace,
      () => SERVICE_ENTRIES,
    ),
    visibility.filterReadable(
      view.gatewayRoutes,
      (r) => r.virtualService.namespace,
      () => VIRTUAL_SERVICES,
    ),
    visibility.filterReadable(
      view.tlsOrigination,
      (t) => t.namespace,
      () => DESTINATION_RULES,
    ),
  ]);
  const gatewayRoutes = await visibility.filterReadable(
    routedByReadableServices,
    (r) => r.gateway.namespace,
    () => GATEWAYS,
  );
  return { ...view, serviceEntries, gatewayRoutes, tlsOrigination };
}
