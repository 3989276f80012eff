/**
 * server/validation: tells what is wrong with Istio config before Istio does. See README.md.
 * - validateNamespaces(namespaces, connection?) → every object of those namespaces, checked;
 * - loadValidationContext(connection) + validateObject(object, context) → one
 *   (possibly unsaved) object, for the YAML editor.
 */
import "server-only";

export { CHECK_CODES, type CheckCode } from "./codes";
export { configObjectsOf, createValidationContext, type MeshInventory, type ValidationContext } from "./context";
export { loadValidationContext } from "./load-validation-context";
export type { ValidatableObject, ValidationCheck } from "./types";
export { validateContextNamespaces, validateNamespaces, validateVisibleNamespaces } from "./validate-namespaces";
export { validateObject } from "./validate-object";
