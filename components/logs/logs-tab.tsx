"use client";

/**
 * A workload's Logs tab: pick a pod and a container (or all: the app's and istio-proxy),
 * see them merged by time or side by side, search, filter access lines by code, flag and
 * direction, and follow (streamed from the server, stopped by "Stop"). Every choice is in
 * the URL (use-logs-url-state.ts).
 */
import { useState, type FormEvent } from "react";
import { PROXY_CONTAINER, type LogLine, type LogNotice } from "@/lib/contracts/logs";
import { ApiError } from "@/lib/queries/fetch-json";
import { useFollowLogs, useWorkloadLogs, type WorkloadLogsParams } from "@/lib/queries/logs";
import { Notice, cardClass } from "@/components/inventory/item-parts";
import { LogTable, type LogRow } from "./log-table";
import { useLogsUrlState, type LogsUrlState } from "./use-logs-url-state";

const inputClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";
const buttonClass =
  "rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

/** What a user can do about a refusal, by its code (never by message text). */
function errorText(error: Error): string {
  if (!(error instanceof ApiError)) return error.message;
  if (error.code === "forbidden") return `${error.message}. Ask for a Role granting get on pods/log in this namespace.`;
  if (error.code === "not_found") return `${error.message}. Pick another pod.`;
  return error.message;
}

function Notices({ notices }: { notices: LogNotice[] }) {
  return notices.map((n, i) => (
    <Notice key={`${n.code}/${n.container ?? ""}/${i}`} tone={n.code === "container_unreadable" ? "error" : "info"}>
      {n.message}
    </Notice>
  ));
}

function Filters({ state, update }: { state: LogsUrlState; update: (next: LogsUrlState) => void }) {
  const [draft, setDraft] = useState({ search: state.search ?? "", code: state.code ?? "", flag: state.flag ?? "" });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ search: draft.search.trim(), code: draft.code.trim(), flag: draft.flag.trim().toUpperCase() });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Log filters">
      <label className="flex flex-col text-xs font-medium">
        Search
        <input
          className={inputClass}
          value={draft.search}
          onChange={(e) => setDraft({ ...draft, search: e.target.value })}
        />
      </label>
      <label className="flex flex-col text-xs font-medium">
        Code
        <input
          className={`${inputClass} w-20`}
          placeholder="503"
          value={draft.code}
          onChange={(e) => setDraft({ ...draft, code: e.target.value })}
        />
      </label>
      <label className="flex flex-col text-xs font-medium">
        Flag
        <input
          className={`${inputClass} w-20`}
          placeholder="FI"
          value={draft.flag}
          onChange={(e) => setDraft({ ...draft, flag: e.target.value })}
        />
      </label>
      <label className="flex flex-col text-xs font-medium">
        Direction
        <select
          className={inputClass}
          value={state.direction ?? ""}
          onChange={(e) => update({ direction: e.target.value })}
        >
          <option value="">any</option>
          <option value="inbound">inbound</option>
          <option value="outbound">outbound</option>
        </select>
      </label>
      <button type="submit" className={buttonClass}>
        Apply
      </button>
    </form>
  );
}

function Lines({
  lines,
  namespace,
  workload,
  split,
}: {
  lines: LogLine[];
  namespace: string;
  workload: string;
  split: boolean;
}) {
  const rows = (keep: (l: LogLine) => boolean): LogRow[] =>
    lines.filter(keep).map((line) => ({ line, namespace, workload }));
  if (lines.length === 0) return <Notice tone="info">No lines match.</Notice>;
  if (!split) return <LogTable rows={rows(() => true)} showContainer label="Log lines, merged by time" />;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <section aria-label="Application containers" className={cardClass}>
        <h3 className="mb-2 text-sm font-semibold">Application</h3>
        <LogTable rows={rows((l) => l.container !== PROXY_CONTAINER)} showContainer={false} label="Application lines" />
      </section>
      <section aria-label="istio-proxy" className={cardClass}>
        <h3 className="mb-2 text-sm font-semibold">istio-proxy</h3>
        <LogTable rows={rows((l) => l.container === PROXY_CONTAINER)} showContainer={false} label="istio-proxy lines" />
      </section>
    </div>
  );
}

/** Mounted only while following: unmounting it ("Stop", leaving the tab) aborts the stream. */
function Following({ params, split, onStop }: { params: WorkloadLogsParams; split: boolean; onStop: () => void }) {
  const follow = useFollowLogs({ ...params, tailLines: 50 }, true);
  const events = follow.data ?? [];
  const lines = events.flatMap((e) => (e.type === "line" ? [e.line] : []));
  const notices = events.flatMap((e) => (e.type === "notice" ? [e.notice] : []));
  const streaming = follow.fetchStatus === "fetching";
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3" role="status" aria-live="polite">
        <span
          className={`inline-flex items-center gap-2 text-sm font-medium ${streaming ? "text-emerald-700 dark:text-emerald-300" : "text-slate-600"}`}
        >
          <span className={`h-2 w-2 rounded-full ${streaming ? "animate-pulse bg-emerald-500" : "bg-slate-400"}`} />
          {streaming ? `Following — ${lines.length} new lines` : "Stream ended"}
        </span>
        <button type="button" className={buttonClass} onClick={onStop}>
          Stop
        </button>
      </div>
      {follow.isError && <Notice tone="error">{errorText(follow.error)}</Notice>}
      <Notices notices={notices} />
      <Lines lines={lines} namespace={params.namespace} workload={params.workload} split={split} />
    </div>
  );
}

export function LogsTab({
  namespace,
  workload,
  sinceSeconds,
  active,
}: {
  namespace: string;
  workload: string;
  sinceSeconds: number;
  active: boolean;
}) {
  const { state, update } = useLogsUrlState();
  const params: WorkloadLogsParams = {
    namespace,
    workload,
    pod: state.pod,
    container: state.container,
    search: state.search,
    code: state.code,
    flag: state.flag,
    direction: state.direction as WorkloadLogsParams["direction"],
    sinceSeconds,
  };
  const following = state.follow === "1";
  const logs = useWorkloadLogs(params, active && !following);
  const split = state.view === "split";
  const data = logs.data;
  const pod = data?.pods.find((p) => p.name === data.pod);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-xs font-medium">
          Pod
          <select
            className={inputClass}
            value={state.pod ?? data?.pod ?? ""}
            onChange={(e) => update({ pod: e.target.value })}
          >
            {data?.pods.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name} ({p.phase})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs font-medium">
          Container
          <select
            className={inputClass}
            value={state.container ?? ""}
            onChange={(e) => update({ container: e.target.value })}
          >
            <option value="">all</option>
            {pod?.containers.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex items-center gap-1 text-sm" aria-label="Layout">
          {(["merged", "split"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={(state.view ?? "merged") === v}
              className={`${buttonClass} aria-pressed:bg-sky-100 aria-pressed:text-sky-900 dark:aria-pressed:bg-sky-900 dark:aria-pressed:text-sky-100`}
              onClick={() => update({ view: v === "merged" ? "" : v })}
            >
              {v === "merged" ? "Merged by time" : "Side by side"}
            </button>
          ))}
        </fieldset>
        {!following && (
          <button type="button" className={buttonClass} onClick={() => update({ follow: "1" })}>
            Follow
          </button>
        )}
      </div>
      <Filters key={`${state.search}/${state.code}/${state.flag}`} state={state} update={update} />
      {following ? (
        active && <Following params={params} split={split} onStop={() => update({ follow: "" })} />
      ) : (
        <>
          {logs.isPending && <Notice tone="info">Loading logs…</Notice>}
          {logs.isError && <Notice tone="error">{errorText(logs.error)}</Notice>}
          {data && <Notices notices={data.notices} />}
          {data && <Lines lines={data.lines} namespace={namespace} workload={workload} split={split} />}
        </>
      )}
    </div>
  );
}
