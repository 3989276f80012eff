"use client";

import { Tooltip } from "radix-ui";
import { useConnectionStatus } from "@/lib/queries/status";
import { StatusDot, type DotState } from "@/components/ui/status-dot";

interface Part {
  label: string;
  state: DotState;
  detail: string;
}

export function ConnectionIndicator() {
  const status = useConnectionStatus();
  const parts: Part[] = status.data
    ? [
        {
          label: "Kubernetes",
          state: !status.data.kubernetes.ok ? "bad" : status.data.kubernetes.istio ? "ok" : "warn",
          detail:
            status.data.kubernetes.message ??
            `Connected to ${status.data.kubernetes.server ?? "the cluster"} (${status.data.kubernetes.version ?? "unknown version"})`,
        },
        {
          label: "Prometheus",
          state: !status.data.prometheus.ok ? "bad" : status.data.prometheus.istioMetrics ? "ok" : "warn",
          detail: status.data.prometheus.message ?? `Connected to ${status.data.prometheus.url ?? "Prometheus"}`,
        },
      ]
    : [
        {
          label: "Kubernetes",
          state: status.isError ? "bad" : "unknown",
          detail: status.error?.message ?? "Checking…",
        },
        {
          label: "Prometheus",
          state: status.isError ? "bad" : "unknown",
          detail: status.error?.message ?? "Checking…",
        },
      ];

  return (
    <ul aria-label="Connections" className="flex items-center gap-3 text-xs">
      {parts.map((part) => (
        <li key={part.label}>
          <Tooltip.Root>
            <Tooltip.Trigger asChild>
              <span
                tabIndex={0}
                className="flex items-center gap-1.5 rounded px-1 py-0.5"
                aria-label={`${part.label}: ${part.state === "ok" ? "connected" : part.state === "unknown" ? "checking" : part.detail}`}
              >
                <StatusDot state={part.state} />
                {part.label}
              </span>
            </Tooltip.Trigger>
            <Tooltip.Portal>
              <Tooltip.Content
                sideOffset={6}
                className="z-50 max-w-80 rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
              >
                {part.detail}
                <Tooltip.Arrow className="fill-slate-900 dark:fill-slate-100" />
              </Tooltip.Content>
            </Tooltip.Portal>
          </Tooltip.Root>
        </li>
      ))}
    </ul>
  );
}
