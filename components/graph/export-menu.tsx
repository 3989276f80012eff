"use client";

/**
 * The graph's Export menu (lib/graph-view/export-files.ts): JSON and DOT are the graph API's
 * answer for the view as a file link; PNG and SVG are the canvas as drawn. Props only.
 */
import { useState } from "react";
import { graphExports, type ImageFormat } from "@/lib/graph-view/export-files";
import type { GraphFormat } from "@/lib/contracts/graph";

const itemClass =
  "block w-full whitespace-nowrap rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800";

export interface ExportActions {
  /** The graph API's URL for the view in a format. */
  apiHref: (format: GraphFormat) => string;
  fileName: (format: GraphFormat | ImageFormat) => string;
  /** Resolves once the image was handed to the browser; rejects with why it could not be made. */
  onImage: (format: ImageFormat) => Promise<void>;
}

export function ExportMenu({ apiHref, fileName, onImage, summaryClass }: ExportActions & { summaryClass: string }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="flex flex-col">
      <span className="text-xs font-medium text-slate-600 dark:text-slate-400">Export</span>
      <details className="relative">
        <summary className={`${summaryClass} cursor-pointer list-none`}>Export graph</summary>
        <ul
          aria-label="Export the graph"
          className="absolute z-20 mt-1 rounded-md border border-slate-300 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {graphExports.map((e) => (
            <li key={e.format}>
              {e.from === "api" ? (
                <a href={apiHref(e.format)} download={fileName(e.format)} className={itemClass}>
                  {e.label}
                </a>
              ) : (
                <button
                  type="button"
                  className={itemClass}
                  onClick={() => {
                    setProblem(null);
                    onImage(e.format).catch((error: unknown) =>
                      setProblem(`Cannot make the ${e.format.toUpperCase()}: ${String(error)}`),
                    );
                  }}
                >
                  {e.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      </details>
      {problem && (
        <p role="alert" className="text-xs text-bad">
          {problem}
        </p>
      )}
    </div>
  );
}
