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
  const findings: ValidationFinding[] = validateIstioConfig(object);
  const errors = findings.filter((f) => f.severity === "error").map((f) => f.message);
  const warnings = findings.filter((f) => f.severity === "warning").map((f) => f.message);
  if (errors.length === 0) return { warnings };
  return {
    denial: `admission webhook "validation.istio.io" denied the request: configuration is invalid: ${formatMultiError(errors)}`,
    warnings,
  };
}
