"use client";

/** The findings beside the editor; choosing one moves the editor to its line. */
import { MessageText } from "@/components/ui/message-text";
import { StatusDot } from "@/components/ui/status-dot";
import type { Finding } from "./findings";

const dot = { error: "bad", warning: "warn", info: "unknown" } as const;

export function ValidationList({
  findings,
  onJump,
  checking,
}: {
  findings: readonly Finding[];
  onJump: (line: number, column: number) => void;
  checking: boolean;
}) {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
  return (
    <section aria-labelledby="validation-heading" className="space-y-2">
      <h2 id="validation-heading" className="flex items-baseline gap-2 text-sm font-semibold">
        Validation
        <span className="text-xs font-normal text-slate-500" aria-live="polite">
          {checking
            ? "checking…"
            : findings.length === 0
              ? "no findings"
              : `${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}`}
        </span>
      </h2>
      {findings.length > 0 && (
        <ul aria-label="Validation findings" className="space-y-1">
          {findings.map((f, i) => (
            <li key={`${f.code}-${f.path ?? ""}-${i}`}>
              <button
                type="button"
                disabled={f.line === null}
                onClick={() => f.line !== null && onJump(f.line, f.column ?? 1)}
                className="flex w-full items-start gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100 disabled:cursor-default disabled:hover:bg-transparent dark:hover:bg-slate-800"
              >
                <span className="mt-1.5">
                  <StatusDot state={dot[f.severity]} />
                </span>
                <span className="min-w-0">
                  <span className="font-mono text-xs text-slate-500">
                    {f.line !== null ? `Line ${f.line}` : "No line"} · {f.code} · {f.severity}
                  </span>
                  <span className="block break-words">
                    <MessageText text={f.message} />
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
