/** The traffic wizards wired to the cluster and the write path; routes call these. */
import "server-only";
import type { ExposeRequest } from "@/lib/contracts/expose";
import type { TrafficState, WizardApplied, WizardId, WizardPreview, WizardRequest } from "@/lib/contracts/traffic";
import type { DestinationRule, VirtualService } from "@/lib/istio/types";
import { getKubeConnection, type KubeConnection } from "@/server/adapters/kube";
import { listIstioObjects } from "@/server/adapters/kube/istio-objects";
import { listServices } from "@/server/adapters/kube/list-services";
import { listWorkloads } from "@/server/adapters/kube/list-workloads";
import { requireReadable, requireVisibleNamespace, SERVICES } from "@/server/auth/namespace-visibility";
import { getIstioObject } from "@/server/adapters/kube/istio-objects";
import { checkGatewayCredentialsLive } from "@/server/gateways";
import { applyIstioChangesLive, previewIstioChangesLive } from "@/server/istio-config";
import { applyWizard, previewWizard, type TrafficWriteDeps } from "./run-wizard";
import { applyExposeService, previewExposeService, type ExposeDeps } from "./expose-service";
import type { TrafficReadDeps } from "./traffic-context";
import { getTrafficState } from "./traffic-state";

export function createTrafficReadDeps(connection: KubeConnection): TrafficReadDeps {
  return {
    listServices: (ns) => listServices(connection, ns),
    listWorkloads: (ns) => listWorkloads(connection, ns),
    // The adapter returns the API's objects; these kinds' specs are what lib/istio/types describes.
    listVirtualServices: async (ns) =>
      (await listIstioObjects(connection, "VirtualService", ns)) as unknown as VirtualService[],
    listDestinationRules: async (ns) =>
      (await listIstioObjects(connection, "DestinationRule", ns)) as unknown as DestinationRule[],
  };
}

/** Reads come from the console's cache; previews and applies go through the viewer's write path. */
function liveDeps(): TrafficWriteDeps {
  return {
    ...createTrafficReadDeps(getKubeConnection()),
    preview: previewIstioChangesLive,
    apply: applyIstioChangesLive,
  };
}

/**
 * A service's routing for the wizards: 404 in a namespace the viewer may not see, 403 if they may not list services.
 */
export async function getTrafficStateLive(namespace: string, service: string): Promise<TrafficState> {
  await requireReadable(namespace, SERVICES);
  return getTrafficState(createTrafficReadDeps(getKubeConnection()), namespace, service);
}

export function previewWizardLive<W extends WizardId>(
  namespace: string,
  service: string,
  wizard: W,
  request: WizardRequest<W>,
): Promise<WizardPreview> {
  return previewWizard(liveDeps(), { namespace, service }, wizard, request);
}

export function applyWizardLive<W extends WizardId>(
  namespace: string,
  service: string,
  wizard: W,
  request: WizardRequest<W>,
): Promise<WizardApplied> {
  return applyWizard(liveDeps(), { namespace, service }, wizard, request);
}

function exposeDeps(): ExposeDeps {
  const connection = getKubeConnection();
  return {
    listServices: (ns) => listServices(connection, ns),
    findIstioObject: async (kind, namespace, name) =>
      (await getIstioObject(connection, { kind, namespace, name })) !== undefined,
    checkCredentials: checkGatewayCredentialsLive,
    preview: previewIstioChangesLive,
    apply: applyIstioChangesLive,
  };
}

export async function previewExposeServiceLive(namespace: string, service: string, request: ExposeRequest) {
  await requireVisibleNamespace(namespace);
  return previewExposeService(exposeDeps(), { namespace, service }, request);
}

export async function applyExposeServiceLive(namespace: string, service: string, request: ExposeRequest) {
  await requireVisibleNamespace(namespace);
  return applyExposeService(exposeDeps(), { namespace, service }, request);
}
