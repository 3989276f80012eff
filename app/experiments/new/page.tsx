import type { Metadata } from "next";
import { Suspense } from "react";
import { NewExperimentFromUrl } from "@/components/experiments/new-experiment-from-url";

export const metadata: Metadata = { title: "New experiment" };

export default function NewExperimentPage() {
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">New experiment</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The runner on the server carries it out, even with this page closed, and leaves the mesh as it found it or as
          the verdict decided.
        </p>
      </header>
      {/* useSearchParams (the prefilled service, the top bar's namespaces) needs a Suspense boundary
          for the static shell. */}
      <Suspense>
        <NewExperimentFromUrl />
      </Suspense>
    </div>
  );
}
