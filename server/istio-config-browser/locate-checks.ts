/** Puts each validation check on the line of the YAML text the object was parsed from. */
import "server-only";
import type { LocatedCheck } from "@/lib/contracts/istio-objects";
import type { ValidationCheck } from "@/lib/contracts/validations";
import { locatePath } from "./locate-path";
import type { ParsedIstioYaml } from "./parse-istio-yaml";

export function locateChecks(
  checks: readonly ValidationCheck[],
  parsed: Pick<ParsedIstioYaml, "document" | "lineCounter">,
): LocatedCheck[] {
  return checks.map((check) => {
    const pos = locatePath(parsed.document, parsed.lineCounter, check.path);
    return { ...check, line: pos?.line ?? null, column: pos?.column ?? null };
  });
}
