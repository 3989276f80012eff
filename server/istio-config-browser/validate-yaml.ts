/**
 * Live validation of unsaved YAML (the editor calls it as the user types): the text's own
 * problems first; once it is one well-formed object, the validation engine's checks placed
 * on its lines, and what it refers to.
 */
import "server-only";
import type { ValidateYamlRequest, ValidateYamlResponse } from "@/lib/contracts/istio-objects";
import type { KubeConnection } from "@/server/adapters/kube";
import { loadValidationContext, validateObject } from "@/server/validation";
import type { EnrichContext } from "./enrich-context";
import { locateChecks } from "./locate-checks";
import { findReferences } from "./object-references";
import { parseIstioYaml } from "./parse-istio-yaml";

export async function validateYaml(
  connection: KubeConnection,
  request: ValidateYamlRequest,
  enrich: EnrichContext = async (context) => context,
): Promise<ValidateYamlResponse> {
  const result = parseIstioYaml(request.yaml, request.target);
  if (!result.ok) return { ok: false, problems: result.problems, checks: [], references: [] };
  const { object } = result.parsed;
  const context = await loadValidationContext(connection);
  const validation = validateObject(object, await enrich(context, object));
  return {
    ok: true,
    problems: [],
    checks: locateChecks(validation.checks, result.parsed),
    references: findReferences(object, context),
  };
}
