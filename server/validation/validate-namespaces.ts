/**
 * The validations of every Istio object in the given namespaces — what the config list, the
 * overview and the graph's error badges read. One inventory load, then pure rules.
 */
import "server-only";
import type { ObjectValidationList } from "@/lib/contracts/validations";
import { getKubeConnection, type KubeConnection } from "@/server/adapters/kube";
import { istioResourceOf, viewerVisibility } from "@/server/auth/namespace-visibility";
import { configObjectsOf, type ValidationContext } from "./context";
import { loadValidationContext } from "./load-validation-context";
import { namespaceOf } from "./types";
import { validateObject } from "./validate-object";

/** Validates the objects of `namespaces` against an already loaded context. */
export function validateContextNamespaces(
  namespaces: readonly string[],
  context: ValidationContext,
): ObjectValidationList {
  const wanted = new Set(namespaces);
  return configObjectsOf(context)
    .filter((object) => wanted.has(namespaceOf(object)))
    .map((object) => validateObject(object, context))
    .sort(
      (a, b) => a.namespace.localeCompare(b.namespace) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
    );
}

export async function validateNamespaces(
  namespaces: readonly string[],
  connection: KubeConnection = getKubeConnection(),
): Promise<ObjectValidationList> {
  const context = await loadValidationContext(connection);
  return validateContextNamespaces(namespaces, context);
}

/**
 * The validations the current viewer may read: of the namespaces they may see, and there of
 * the objects whose kind they may list (an object's findings name it and quote its spec, as
 * the config list would — issue 16's rule, server/auth/namespace-visibility.ts).
 */
export async function validateVisibleNamespaces(namespaces: readonly string[]): Promise<ObjectValidationList> {
  const visibility = viewerVisibility();
  const found = await validateNamespaces(await visibility.filter(namespaces, (ns) => ns));
  return visibility.filterReadable(
    found,
    (object) => object.namespace,
    (object) => istioResourceOf(object.kind),
  );
}
