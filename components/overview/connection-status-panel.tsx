"use client";

import type { ConnectionStatus } from "@/lib/contracts/status";
import { useConnectionStatus } from "@/lib/queries/status";
import { MessageText } from "@/components/ui/message-text";
import { StatusDot, type DotState } from "@/components/ui/status-dot";

interface Card {
  title: string;
  state: DotState;
  headline: string;
  facts: [string, string][];
  message?: string;
}

function cardsFor(status: ConnectionStatus): Card[] {
  const { kubernetes: k, prometheus: p, database: d } = status;
  return [
    {
      title: "Kubernetes",
      state: !k.ok ? "bad" : k.istio ? "ok" : "warn",
      headline: !k.ok ? "Not connected" : k.istio ? "Connected, Istio installed" : "Connected, Istio not installed",
      facts: k.ok
        ? [
            ["API server", k.server ?? "—"],
            ["Version", k.version ?? "—"],
          ]
        : [],
      message: k.message,
    },
    {
      title: "Prometheus",
      state: !p.ok ? "bad" : p.istioMetrics ? "ok" : "warn",
      headline: !p.ok
        ? "Not connected"
        : p.istioMetrics
          ? "Connected, Istio metrics present"
          : "Connected, no Istio metrics yet",
      facts: [["URL", p.url ?? "—"], ...(p.ok ? ([["Version", p.version ?? "—"]] as [string, string][]) : [])],
      message: p.message,
    },
    {
      title: "Database",
      state: d.ok ? "ok" : "bad",
      headline: d.ok ? "Ready" : "Not available",
      facts: [],
      message: d.message,
    },
  ];
}

export function ConnectionStatusPanel() {
  const status = useConnectionStatus();

  if (status.isPending) {
    return (
      <p className="text-sm text-slate-500" role="status">
        Checking connections…
      </p>
    );
  }
  if (status.isError) {
    return (
      <p
        role="alert"
        className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      >
        The Topsail server did not report its connections: {status.error.message}
      </p>
    );
  }

  return (
    <section aria-labelledby="connections-heading" className="space-y-3">
      <h2 id="connections-heading" className="text-lg font-medium">
        Connections
      </h2>
      <div className="grid gap-4 md:grid-cols-3">
        {cardsFor(status.data).map((card) => (
          <article
            key={card.title}
            aria-label={`${card.title} status`}
            className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <h3 className="flex items-center gap-2 font-medium">
              <StatusDot state={card.state} />
              {card.title}
            </h3>
            <p className="text-sm font-medium">{card.headline}</p>
            {card.facts.length > 0 && (
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                {card.facts.map(([term, value]) => (
                  <div key={term} className="contents">
                    <dt className="text-slate-500">{term}</dt>
                    <dd className="break-all font-mono">{value}</dd>
                  </div>
                ))}
              </dl>
            )}
            {card.message && (
              <p className="text-sm text-slate-700 dark:text-slate-300">
                <MessageText text={card.message} />
              </p>
            )}
          </article>
        ))}
      </div>
    </section>
  );
}
