/**
 * istiod's validating webhook, `validation.istio.io`: runs lib/istio/validation on
 * networking.istio.io and security.istio.io objects and words a denial as the API server
 * relays it: `admission webhook "validation.istio.io" denied the request: configuration is
 * invalid: <err>`, several errors in go-multierror's list form.
 */
import { isValidatedKind, validateIstioConfig, type ValidationFinding } from "@/lib/istio/validation";
import type { KubeObject } from "../store/types";

export interface WebhookVerdict {
  denial?: string;
  warnings: string[];
}

/** go-multierror's ErrorFormat: one error as is, several as a bulleted list. */
export function formatMultiError(messages: string[]): string {
  if (messages.length === 1) return messages[0] ?? "";
  return `${messages.length} errors occurred:\n${messages.map((m) => `\t* ${m}`).join("\n")}\n\n`;
}

export function runIstioValidation(group: string, kind: string, object: KubeObject): WebhookVerdict {
  if (!isValidatedKind(group, kind)) return { warnings: [] };
  let findings: ValidationFinding[];
  try {
    findings = validateIstioConfig(object);
  } catch (error) {
    // A field of the wrong type (a number where a list belongs) trips the checks; istiod
    // refuses such objects when it decodes them, so the request is denied, not failed.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      denial: `admission webhook "validation.istio.io" denied the request: configuration is invalid: cannot decode ${kind} spec: a field has the wrong type (${reason})`,
      warnings: [],
    };
  }
  const errors = findings.filter((f) => f.severity === "error").map((f) => f.message);
  const warnings = findings.filter((f) => f.severity === "warning").map((f) => f.message);
  if (errors.length === 0) return { warnings };
  return {
    denial: `admission webhook "validation.istio.io" denied the request: configuration is invalid: ${formatMultiError(errors)}`,
    warnings,
  };
}
