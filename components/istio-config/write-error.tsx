"use client";

/**
 * Why a write was refused, said plainly: the YAML's own problems, the validation errors the
 * write path found (each with its line), or the API server's answer (istiod's webhook and
 * the schema speak through it). Branches on error codes and details, never on message text.
 */
import { z } from "zod";
import { MessageText } from "@/components/ui/message-text";
import { inputProblemSchema, locatedCheckSchema } from "@/lib/contracts/istio-objects";
import { ApiError } from "@/lib/queries/fetch-json";
import { toFindings, type Finding } from "./findings";

const titles: Record<string, string> = {
  bad_request: "Nothing was applied: the change is not valid",
  kube_api: "Nothing was applied: the API server refused the change",
  forbidden: "Nothing was applied: you may not make this change",
  not_found: "Nothing was applied: the object or its namespace does not exist",
  conflict: "Nothing was applied: the object changed",
  confirmation_required: "Nothing was applied: the change sends traffic where nothing can answer it",
  kube_unavailable: "Nothing was applied: the cluster did not answer",
  network: "The Topsail server did not answer",
};

export function findingsOf(error: unknown): Finding[] {
  if (!(error instanceof ApiError)) return [];
  const problems = z.array(inputProblemSchema).safeParse(error.details?.problems);
  const checks = z.array(locatedCheckSchema).safeParse(error.details?.checks);
  return toFindings(
    problems.success ? problems.data : [],
    checks.success ? checks.data.filter((c) => c.severity === "error") : [],
  );
}

function titleOf(error: Error): string {
  if (!(error instanceof ApiError)) return "Nothing was applied: the change failed";
  if (error.code === "conflict" && error.details?.exists === true)
    return "Nothing was applied: an object with this name already exists";
  // 4xx answers of the API server (422 schema, 400 webhook denial) arrive as kube_api or keep their status.
  return (
    titles[error.code] ??
    (error.status >= 400 && error.status < 500 ? (titles.kube_api as string) : "Nothing was applied: the change failed")
  );
}

export function WriteError({
  error,
  onJump,
  title,
}: {
  error: Error;
  onJump?: (line: number, column: number) => void;
  title?: string;
}) {
  const heading = title ?? titleOf(error);
  const findings = findingsOf(error);
  return (
    <div
      role="alert"
      className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-semibold">{heading}</p>
      {findings.length === 0 ? (
        <p className="whitespace-pre-wrap break-words">
          <MessageText text={error.message} />
        </p>
      ) : (
        <ul className="list-disc space-y-1 pl-5">
          {findings.map((f, i) => (
            <li key={i}>
              {f.line !== null && onJump ? (
                <button
                  type="button"
                  className="font-mono text-xs underline"
                  onClick={() => onJump(f.line ?? 1, f.column ?? 1)}
                >
                  Line {f.line}
                </button>
              ) : null}{" "}
              <span className="font-mono text-xs">{f.code}</span> <MessageText text={f.message} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
