/**
 * What the editor adds to the shared validation context for one object before validating it:
 * facts that are not in the cluster cache and are read as the viewer (a Gateway's credential
 * Secrets, server/gateways). Passed in, so the pure code needs no cluster.
 */
import "server-only";
import type { ValidatableObject, ValidationContext } from "@/server/validation";

export type EnrichContext = (context: ValidationContext, object: ValidatableObject) => Promise<ValidationContext>;
