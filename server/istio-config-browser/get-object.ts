/** One object as the detail page opens it: editable YAML, located checks, references. */
import "server-only";
import type { IstioObjectDetail, ObjectRef } from "@/lib/contracts/istio-objects";
import type { KubeConnection } from "@/server/adapters/kube";
import { getIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import { loadValidationContext, validateObject } from "@/server/validation";
import type { EnrichContext } from "./enrich-context";
import { toEditableYaml } from "./editable-yaml";
import { locateChecks } from "./locate-checks";
import { findReferences } from "./object-references";
import { parseIstioYaml } from "./parse-istio-yaml";
import { resolveKindOrThrow } from "./resolve-kind";

export async function getObjectDetail(
  connection: KubeConnection,
  ref: ObjectRef,
  enrich: EnrichContext = async (context) => context,
): Promise<IstioObjectDetail> {
  const info = resolveKindOrThrow(ref.kind);
  const [object, context] = await Promise.all([
    getIstioObject(connection, { ...ref, kind: info.kind }),
    loadValidationContext(connection),
  ]);
  if (!object)
    throw new TopsailError(
      "not_found",
      `${info.kind} ${ref.namespace}/${ref.name} does not exist (it may have been deleted).`,
    );
  const yaml = toEditableYaml(object);
  const validation = validateObject(object, await enrich(context, object));
  // The YAML was produced from the object, so it always parses; the fallback only guards the types.
  const parsed = parseIstioYaml(yaml, { ...ref, kind: info.kind });
  return {
    object,
    yaml,
    resourceVersion: object.metadata.resourceVersion ?? "",
    checks: parsed.ok
      ? locateChecks(validation.checks, parsed.parsed)
      : validation.checks.map((c) => ({ ...c, line: null, column: null, endLine: null, endColumn: null })),
    references: findReferences(object, context),
  };
}
