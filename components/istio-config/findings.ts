/** Input problems and validation checks as one list of findings for the editor and its side list. */
import type { InputProblem, LocatedCheck } from "@/lib/contracts/istio-objects";
import type { EditorMarker } from "./yaml-editor";

export interface Finding {
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
  line: number | null;
  column: number | null;
  /** Where the node ends, when known (checks only). */
  endLine?: number | null;
  endColumn?: number | null;
  path?: string;
}

const order = { error: 0, warning: 1, info: 2 } as const;

export function toFindings(problems: readonly InputProblem[], checks: readonly LocatedCheck[]): Finding[] {
  return [
    ...problems.map((p) => ({
      severity: "error" as const,
      code: p.code,
      message: p.message,
      line: p.line,
      column: p.column,
    })),
    ...checks.map((c) => ({
      severity: c.severity,
      code: c.code,
      message: c.message,
      line: c.line,
      column: c.column,
      endLine: c.endLine,
      endColumn: c.endColumn,
      path: c.path,
    })),
  ].sort((a, b) => order[a.severity] - order[b.severity] || (a.line ?? 0) - (b.line ?? 0));
}

export function toMarkers(findings: readonly Finding[]): EditorMarker[] {
  return findings
    .filter((f): f is Finding & { line: number } => f.line !== null)
    .map((f) => ({
      line: f.line,
      column: f.column ?? 1,
      ...(f.endLine && f.endColumn ? { end: { line: f.endLine, column: f.endColumn } } : {}),
      severity: f.severity,
      message: `${f.code}: ${f.message}`,
    }));
}
