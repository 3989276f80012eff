"use client";

/**
 * The access lines behind one edge of the graph and one response code/flag, or its slowest
 * requests (opened from the edge panel's "Response codes" and response time): the source
 * proxies' outbound lines and the destination proxies' inbound lines, merged by time, each
 * with its trace and route links. The edge and the filter are the URL's query
 * (lib/contracts/logs.ts edgeLogsSearch).
 */
import { useSearchParams } from "next/navigation";
import { edgeLogsInput, edgeNodeSchema, type EdgeNode } from "@/lib/contracts/logs";
import { ApiError } from "@/lib/queries/fetch-json";
import { useEdgeLogs } from "@/lib/queries/logs";
import { Notice } from "@/components/inventory/item-parts";
import { formatDurationMs } from "@/lib/graph-view/edge-labels";
import { LogTable } from "./log-table";

const nameOf = (node: EdgeNode) =>
  `${node.workload ?? (node.app ? `${node.app}${node.version ? ` ${node.version}` : ""}` : (node.service ?? "unknown"))} (${node.namespace})`;

function EdgeLogs({
  source,
  dest,
  code,
  flag,
  minDurationMs,
}: {
  source: EdgeNode;
  dest: EdgeNode;
  code?: string;
  flag?: string;
  minDurationMs?: number;
}) {
  const logs = useEdgeLogs({ source, dest, code, flag, ...(minDurationMs !== undefined ? { minDurationMs } : {}) });
  const data = logs.data;
  return (
    <div className="space-y-3">
      {logs.isPending && <Notice tone="info">Reading the proxies&apos; access logs…</Notice>}
      {logs.isError && (
        <Notice tone="error">
          {logs.error.message}
          {logs.error instanceof ApiError &&
            logs.error.code === "forbidden" &&
            " Ask for get on pods/log in these namespaces."}
        </Notice>
      )}
      {data?.notices.map((n, i) => (
        <Notice key={`${n.pod ?? ""}/${i}`} tone={n.code === "container_unreadable" ? "error" : "info"}>
          {n.message}
        </Notice>
      ))}
      {data && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Source proxies: {data.sourcePods.join(", ") || "none (the source has no proxy to read)"} · destination
          proxies: {data.destPods.join(", ") || "none"} · hosts: {data.destHosts.join(", ") || "none"}
        </p>
      )}
      {data && data.lines.length === 0 && (
        <Notice tone="info">No access lines match in the proxies&apos; recent logs.</Notice>
      )}
      {data && data.lines.length > 0 && (
        <LogTable
          label="Access lines of the edge"
          showContainer={false}
          rows={data.lines.map((line) => ({
            line,
            namespace: line.namespace,
            workload: line.workload,
            side: `${line.side === "source" ? "source" : "destination"} · ${line.pod}`,
          }))}
        />
      )}
    </div>
  );
}

export function EdgeLogsView() {
  const search = useSearchParams();
  const input = edgeLogsInput(Object.fromEntries(search.entries()));
  const source = edgeNodeSchema.safeParse(input.source);
  const dest = edgeNodeSchema.safeParse(input.dest);
  const code = search.get("code") ?? undefined;
  const flag = search.get("flag") ?? undefined;
  const slowest = Number(search.get("minDurationMs") ?? NaN);
  const minDurationMs = Number.isFinite(slowest) ? slowest : undefined;
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <h1 className="text-2xl font-semibold">Edge access logs</h1>
      {!source.success || !dest.success ? (
        <Notice tone="error">This link does not name an edge: it needs sourceNamespace and destNamespace.</Notice>
      ) : (
        <>
          <p className="text-sm">
            {nameOf(source.data)} → {nameOf(dest.data)}
            {code && (
              <>
                {" "}
                · code <span className="font-mono">{code === "-" ? "no response" : code}</span>
              </>
            )}
            {flag && (
              <>
                {" "}
                · flag <span className="font-mono">{flag}</span>
              </>
            )}
            {minDurationMs !== undefined && <> · taking {formatDurationMs(minDurationMs)} or longer</>}
          </p>
          <EdgeLogs source={source.data} dest={dest.data} code={code} flag={flag} minDurationMs={minDurationMs} />
        </>
      )}
    </div>
  );
}
