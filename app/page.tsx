import type { Metadata } from "next";
import { Suspense } from "react";
import { ConnectionStatusPanel } from "@/components/overview/connection-status-panel";
import { NamespaceOverviewSection } from "@/components/overview/namespace-overview";
import { ProxySyncCallout } from "@/components/overview/proxy-sync-callout";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          What Topsail is connected to, and how each namespace is doing.
        </p>
      </header>
      <ProxySyncCallout />
      <ConnectionStatusPanel />
      {/* useSearchParams (the namespace selection) needs a Suspense boundary for the static shell. */}
      <Suspense>
        <NamespaceOverviewSection />
      </Suspense>
    </div>
  );
}
