/**
 * Validates one Istio object against the mesh: runs every rule of its kind and gathers the
 * checks. The YAML editor calls this with an unsaved object; the object's saved version in
 * the context is never compared with itself (rules skip the same kind/namespace/name).
 */
import "server-only";
import type { ObjectValidation } from "@/lib/contracts/validations";
import { buildCheck } from "./codes";
import type { ValidationContext } from "./context";
import { isValidatedKind, RULES_BY_KIND } from "./rules";
import { namespaceOf, type Rule, type ValidatableObject, type ValidationCheck } from "./types";

function runRule(
  rule: Rule<ValidatableObject>,
  object: ValidatableObject,
  context: ValidationContext,
): ValidationCheck[] {
  try {
    return rule(object, context);
  } catch (error) {
    // Objects arrive unchecked (a string where a list belongs…): one rule tripping over such
    // a field must not hide what the other rules found, nor fail the whole page.
    const reason = error instanceof Error ? error.message : String(error);
    return [
      buildCheck("TOP0003", "spec", {
        detail: `${rule.name || "a rule"} failed (${reason}); is every field of the expected type?`,
      }),
    ];
  }
}

export function validateObject(object: ValidatableObject, context: ValidationContext): ObjectValidation {
  // The table is typed per kind; the object is that kind's shape by its `kind` field, with
  // every field optional — which is exactly what the rules expect of unchecked input.
  const rules = (isValidatedKind(object.kind) ? RULES_BY_KIND[object.kind] : []) as Rule<ValidatableObject>[];
  const checks = rules.flatMap((rule) => runRule(rule, object, context));
  return {
    kind: object.kind,
    namespace: namespaceOf(object),
    name: object.metadata?.name ?? "",
    valid: !checks.some((c) => c.severity === "error"),
    checks,
  };
}
