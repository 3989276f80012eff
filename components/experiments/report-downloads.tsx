"use client";

import type { ExperimentDetail } from "@/lib/contracts/experiments";
import { downloadFile } from "@/components/download-file";
import { experimentReportMarkdown, reportFileName } from "./report-markdown";

const button =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

const download = (name: string, type: string, text: string) => downloadFile(name, new Blob([text], { type }));

/**
 * The report as files: Markdown for a postmortem or a ticket (report-markdown.ts), JSON as the
 * API returns it (lib/contracts/experiments.ts, experimentDetailSchema) for tools.
 */
export function ReportDownloads({ detail }: { detail: ExperimentDetail }) {
  return (
    <div role="group" aria-label="Export the report" className="flex flex-wrap gap-2">
      <button
        type="button"
        className={button}
        onClick={() =>
          download(reportFileName(detail, "md"), "text/markdown;charset=utf-8", experimentReportMarkdown(detail))
        }
      >
        Download Markdown
      </button>
      <button
        type="button"
        className={button}
        onClick={() =>
          download(reportFileName(detail, "json"), "application/json", `${JSON.stringify(detail, null, 2)}\n`)
        }
      >
        Download JSON
      </button>
    </div>
  );
}
