/**
 * server/istio-config-browser: what the Istio config pages need — the list with validation
 * state and references, one object as editable YAML, live validation of unsaved YAML, and
 * saving through the one write path (server/istio-config), plus the rebase after a conflict.
 * These wire the pure pieces to the cluster; routes call only these.
 */
import "server-only";
import type { ObjectRef, ValidateYamlRequest, WriteRequest } from "@/lib/contracts/istio-objects";
import type { Gateway } from "@/lib/istio/types";
import { getKubeConnection } from "@/server/adapters/kube";
import { getIstioObject } from "@/server/adapters/kube/istio-objects";
import { istioResourceOf, requireReadable, viewerVisibility } from "@/server/auth/namespace-visibility";
import { withGatewayCredentials } from "@/server/gateways";
import { applyIstioChangesLive, previewIstioChangesLive } from "@/server/istio-config";
import type { EnrichContext } from "./enrich-context";
import { getObjectDetail } from "./get-object";
import { listObjectSummaries } from "./list-objects";
import { validateYaml } from "./validate-yaml";
import { applyYaml, deleteObject, previewYaml, type EditorWriteDeps } from "./write-yaml";

export { rebaseYaml } from "./rebase-yaml";

function writeDeps(): EditorWriteDeps {
  const connection = getKubeConnection();
  return {
    get: (ref) => getIstioObject(connection, ref),
    preview: previewIstioChangesLive,
    apply: applyIstioChangesLive,
  };
}

/**
 * A Gateway's checks include its credential Secrets (TOP03xx), read as the viewer; no other
 * kind needs more than the shared context.
 */
const withCredentials: EnrichContext = async (context, object) =>
  object.kind === "Gateway" ? withGatewayCredentials(context, [object as Gateway]) : context;

/**
 * Namespaces the viewer may not see list nothing, as if they held no objects; of the others,
 * each kind lists only where the viewer may `list` it — a config list spans kinds and namespaces,
 * so what they may not read is left out rather than refusing the page (kubectl refuses each
 * `get <kind>` on its own).
 */
export async function listIstioObjectSummaries(namespaces: readonly string[]) {
  const visibility = viewerVisibility();
  const list = await listObjectSummaries(getKubeConnection(), await visibility.filter(namespaces, (n) => n));
  if (visibility.everything) return list;
  const objects = await visibility.filterReadable(
    list.objects,
    (o) => o.namespace,
    (o) => istioResourceOf(o.kind),
  );
  return { ...list, objects };
}

/** 404 in a namespace the viewer may not see, 403 naming the kind when they may not list it there. */
export async function getIstioObjectDetail(ref: ObjectRef) {
  await requireReadable(ref.namespace, istioResourceOf(ref.kind));
  return getObjectDetail(getKubeConnection(), ref, withCredentials);
}
export const validateIstioYaml = (request: ValidateYamlRequest) =>
  validateYaml(getKubeConnection(), request, withCredentials);
export const previewIstioYaml = (request: WriteRequest) => previewYaml(writeDeps(), request);
export const applyIstioYaml = (request: WriteRequest) => applyYaml(writeDeps(), request);
export const deleteIstioObjectAt = (ref: ObjectRef, resourceVersion: string) =>
  deleteObject(writeDeps(), ref, resourceVersion);
