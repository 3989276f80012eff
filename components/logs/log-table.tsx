"use client";

/**
 * Log lines in one table, in the order given: access lines in columns (method, path, code,
 * flags, duration, upstream cluster, request id) with their "trace" and "route" links, other
 * lines as text across those columns. Like a terminal, the newest line is at the bottom of a
 * scrolling pane that stays there as lines arrive, unless the reader scrolled up to read.
 */
import Link from "next/link";
import { useLayoutEffect, useRef } from "react";
import type { LogLine } from "@/lib/contracts/logs";
import { tableClass } from "@/components/inventory/item-parts";
import { routeHref, traceHref } from "./log-links";

export interface LogRow {
  line: LogLine;
  namespace: string;
  workload: string;
  /** Shown in a first column when the table mixes both ends of an edge. */
  side?: string;
}

const codeClass = (code: number) =>
  code >= 500 || code === 0
    ? "text-red-700 dark:text-red-300"
    : code >= 400
      ? "text-amber-700 dark:text-amber-300"
      : "text-emerald-700 dark:text-emerald-300";

const linkClass = "text-sky-700 hover:underline dark:text-sky-300";

/** HH:MM:SS.mmm of the kubelet time; the full time is the cell's title. */
const clock = (time: string) => (time.length >= 23 ? time.slice(11, 23) : time);

export function LogTable({ rows, showContainer, label }: { rows: LogRow[]; showContainer: boolean; label: string }) {
  const showSide = rows.some((r) => r.side);
  const pane = useRef<HTMLDivElement>(null);
  const pinnedToBottom = useRef(true);
  useLayoutEffect(() => {
    const el = pane.current;
    if (el && pinnedToBottom.current) el.scrollTop = el.scrollHeight;
  }, [rows]);
  return (
    <div
      ref={pane}
      className="max-h-[70vh] overflow-auto"
      onScroll={(e) => {
        const el = e.currentTarget;
        pinnedToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      <table className={`${tableClass} font-mono text-xs`} aria-label={label}>
        <thead className="sticky top-0 bg-white dark:bg-slate-950">
          <tr>
            {showSide && <th scope="col">Proxy</th>}
            <th scope="col">Time</th>
            {showContainer && <th scope="col">Container</th>}
            <th scope="col">Method</th>
            <th scope="col">Path</th>
            <th scope="col">Code</th>
            <th scope="col">Flags</th>
            <th scope="col">Duration</th>
            <th scope="col">Upstream cluster</th>
            <th scope="col">Request id</th>
            <th scope="col">
              <span className="sr-only">Links</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ line, namespace, workload, side }, i) => {
            const a = line.access;
            const route = a && routeHref(a, { namespace, workload, pod: line.pod });
            return (
              <tr
                key={`${line.pod}/${line.container}/${line.time}/${i}`}
                data-testid={a ? "access-line" : "log-line"}
                className="align-top"
              >
                {showSide && <td>{side}</td>}
                <td title={line.time}>{clock(line.time)}</td>
                {showContainer && <td>{line.container}</td>}
                {a ? (
                  <>
                    <td>{a.method ?? "TCP"}</td>
                    <td className="max-w-64 truncate" title={a.path}>
                      {a.path ?? "—"}
                    </td>
                    <td className={codeClass(a.code)}>{a.code === 0 ? "—" : a.code}</td>
                    <td title={a.details}>{a.flags.length ? a.flags.join(",") : "-"}</td>
                    <td>{a.durationMs} ms</td>
                    <td className="max-w-72 truncate" title={a.upstreamCluster?.name}>
                      {a.upstreamCluster?.name ?? "—"}
                    </td>
                    <td className="max-w-40 truncate" title={a.requestId}>
                      {a.requestId ?? "—"}
                    </td>
                    <td className="whitespace-nowrap space-x-2 font-sans">
                      {a.requestId && (
                        <Link className={linkClass} href={traceHref(a.requestId, namespace, workload)}>
                          trace
                        </Link>
                      )}
                      {route && (
                        <Link className={linkClass} href={route}>
                          route
                        </Link>
                      )}
                    </td>
                  </>
                ) : (
                  <td colSpan={8} className="whitespace-pre-wrap break-all">
                    {line.text}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
