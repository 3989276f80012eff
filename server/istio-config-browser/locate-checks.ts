/** Puts each validation check on the node of the YAML text the object was parsed from. */
import "server-only";
import type { LocatedCheck } from "@/lib/contracts/istio-objects";
import type { ValidationCheck } from "@/lib/contracts/validations";
import { locateRange } from "./locate-path";
import type { ParsedIstioYaml } from "./parse-istio-yaml";

export function locateChecks(
  checks: readonly ValidationCheck[],
  parsed: Pick<ParsedIstioYaml, "document" | "lineCounter">,
): LocatedCheck[] {
  return checks.map((check) => {
    const range = locateRange(parsed.document, parsed.lineCounter, check.path);
    return {
      ...check,
      line: range?.line ?? null,
      column: range?.column ?? null,
      endLine: range?.endLine ?? null,
      endColumn: range?.endColumn ?? null,
    };
  });
}
