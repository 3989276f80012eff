/** Builds a validation context from a partial mesh inventory, for the inventory's unit tests. */
import "server-only";
import { defaultMeshSettings, type MeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import { createValidationContext as create, type ValidationContext } from "@/server/validation";
import { emptyMeshInventory } from "@/server/validation/test-support/fixtures";

export function defaultMeshSettingsForTest(): Pick<MeshInventory, "mesh"> {
  return { mesh: defaultMeshSettings };
}

export function createValidationContext(partial: Partial<MeshInventory>): ValidationContext {
  return create({ ...emptyMeshInventory(), ...partial });
}
