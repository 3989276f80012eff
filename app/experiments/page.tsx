import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ExperimentList } from "@/components/experiments/experiment-list";

export const metadata: Metadata = { title: "Experiments" };

export default function ExperimentsPage() {
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Experiments</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Fault injections and canary traffic shifts, judged on Prometheus data, reverted or rolled back
            automatically.
          </p>
        </div>
        <Link
          href="/experiments/new"
          className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800"
        >
          New experiment
        </Link>
      </header>
      {/* The list follows the namespace selection (useSearchParams needs a Suspense boundary). */}
      <Suspense>
        <ExperimentList />
      </Suspense>
    </div>
  );
}
