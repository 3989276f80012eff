/**
 * server/validation: tells what is wrong with Istio config before Istio does. See README.md.
 * - validateNamespaces(namespaces, connection?) → every object of those namespaces, checked;
 * - loadValidationContext(connection) + validateObject(object, context) → one
 *   (possibly unsaved) object, for the YAML editor.
 */
import "server-only";

export { CHECK_CODES, type CheckCode } from "./codes";
export {
  configObjectsOf,
  createValidationContext,
  type GatewayCredentials,
  type MeshInventory,
  type ValidationContext,
} from "./context";
export { gatewayWorkloadNamespaces } from "./gateway-workloads";
export { hostsIntersect, qualifyHost } from "./hosts";
export { workloadsSelected } from "./labels";
export { credentialNameOf, needsClientCa } from "./rules/gateway/credential-secret";
export { gatewayReferences, resolveGatewayName } from "./rules/virtual-service/gateway-references";
export { loadValidationContext } from "./load-validation-context";
export type { ValidatableObject, ValidationCheck } from "./types";
export { validateContextNamespaces, validateNamespaces, validateVisibleNamespaces } from "./validate-namespaces";
export { validateObject } from "./validate-object";
