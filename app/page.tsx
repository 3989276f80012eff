import type { Metadata } from "next";
import { ConnectionStatusPanel } from "@/components/overview/connection-status-panel";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Overview</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">What Topsail is connected to, and what to do when something is missing.</p>
      </header>
      <ConnectionStatusPanel />
    </div>
  );
}
