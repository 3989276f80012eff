/** What a validation check reports: data, never an exception. */

export type Severity = "error" | "warning";

export interface ValidationFinding {
  severity: Severity;
  /** istiod's own wording, so what the console shows matches what `kubectl apply` would print. */
  message: string;
  /** Where in the object, e.g. `spec/http[0]/route[0]/destination`, so an editor can mark the line. */
  path: string;
}

/** Collects findings in the order istiod reports them. */
export class Findings {
  readonly items: ValidationFinding[] = [];

  error(path: string, message: string | undefined): void {
    if (message !== undefined) this.items.push({ severity: "error", message, path });
  }

  warn(path: string, message: string | undefined): void {
    if (message !== undefined) this.items.push({ severity: "warning", message, path });
  }
}

export function errorsOf(findings: readonly ValidationFinding[]): ValidationFinding[] {
  return findings.filter((f) => f.severity === "error");
}

export function warningsOf(findings: readonly ValidationFinding[]): ValidationFinding[] {
  return findings.filter((f) => f.severity === "warning");
}
