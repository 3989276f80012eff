"use client";

/** The graph's empty and error states: each says what happened and what to do next. */
import type { ReactNode } from "react";
import { MessageText } from "@/components/ui/message-text";
import type { ApiError } from "@/lib/queries/fetch-json";
import { emptyGraphRetryMs } from "@/lib/queries/graph";

const actionClass =
  "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";

function Notice({
  title,
  children,
  role = "status",
  tone = "info",
}: {
  title: string;
  children?: ReactNode;
  role?: "status" | "alert";
  tone?: "info" | "bad";
}) {
  return (
    <div className="flex h-full items-center justify-center p-6">
      <div
        role={role}
        className={`max-w-lg space-y-3 rounded-lg border p-5 text-sm ${tone === "bad" ? "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"}`}
      >
        <h2 className="text-base font-semibold">{title}</h2>
        {children}
      </div>
    </div>
  );
}

export function NoNamespaceNotice() {
  return (
    <Notice title="Pick a namespace">
      <p>
        Choose one or more namespaces with the <strong>Namespaces</strong> selector at the top of the page to draw their
        service graph.
      </p>
    </Notice>
  );
}

export function LoadingNotice() {
  return <Notice title="Drawing the graph…" />;
}

export function ErrorNotice({ error, onRetry }: { error: ApiError | Error; onRetry: () => void }) {
  const code = "code" in error ? error.code : undefined;
  const title =
    code === "prometheus_unavailable"
      ? "Prometheus is unreachable"
      : code === "network"
        ? "The Topsail server did not answer"
        : "The graph could not be loaded";
  return (
    <Notice title={title} role="alert" tone="bad">
      <p>
        <MessageText text={error.message} />
      </p>
      {code === "prometheus_unavailable" && (
        <p>The graph is drawn from Istio&apos;s metrics in Prometheus; it will appear once Prometheus answers again.</p>
      )}
      <button type="button" onClick={onRetry} className={actionClass}>
        Try again
      </button>
    </Notice>
  );
}

export function NoTrafficNotice({
  namespaces,
  windowLabel,
  idleNodes,
  onShowIdle,
  onLongerWindow,
}: {
  namespaces: string[];
  windowLabel: string;
  idleNodes: boolean;
  onShowIdle: () => void;
  onLongerWindow?: () => void;
}) {
  return (
    <Notice title="No traffic in this window">
      <p>
        Nothing in <strong>{namespaces.join(", ")}</strong> sent or received requests in the {windowLabel.toLowerCase()}
        {idleNodes ? ", and no idle workloads were found either." : "."} The page checks again every{" "}
        {emptyGraphRetryMs / 1000} seconds.
      </p>
      <div className="flex flex-wrap gap-2">
        {!idleNodes && (
          <button type="button" onClick={onShowIdle} className={actionClass}>
            Show idle nodes
          </button>
        )}
        {onLongerWindow && (
          <button type="button" onClick={onLongerWindow} className={actionClass}>
            Use a longer window
          </button>
        )}
      </div>
    </Notice>
  );
}

export function NoSidecarBanner({ namespaces }: { namespaces: string[] }) {
  return (
    <div
      role="status"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <MessageText
        text={`No workload shown in ${namespaces.join(", ")} runs the Istio sidecar, so the graph sees only what their peers report. Enable injection with \`kubectl label namespace ${namespaces[0] ?? "NAMESPACE"} istio-injection=enabled\` and restart the workloads.`}
      />
    </div>
  );
}
