/**
 * KIA1102: the VirtualService binds to a Gateway that does not exist, so its routes are
 * applied nowhere (or not where the user thinks). `mesh` is the reserved name of all sidecars.
 */
import "server-only";
import type { VirtualService } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import type { ValidationContext } from "../../context";
import { namespaceOf, type Rule } from "../../types";
import { gatewayReferences, resolveGatewayName } from "./gateway-references";

function gatewayExists(ref: { namespace: string; name: string }, context: ValidationContext): boolean {
  return context.gateways.some(
    (gw) => gw.metadata.name === ref.name && (gw.metadata.namespace ?? "") === ref.namespace,
  );
}

export const checkGatewaysExist: Rule<VirtualService> = (vs, context) => {
  const namespace = namespaceOf(vs);
  return gatewayReferences(vs).flatMap(({ name, path }) => {
    const ref = resolveGatewayName(name, namespace);
    if (!ref || gatewayExists(ref, context)) return [];
    return [buildCheck("KIA1102", path, { detail: `${ref.namespace}/${ref.name}` })];
  });
};
