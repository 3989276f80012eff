"use client";

export default function GraphError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-xl space-y-3 py-16 text-center">
      <h1 className="text-2xl font-semibold">The graph page failed</h1>
      <p className="text-slate-600 dark:text-slate-400">
        {error.message || "An unexpected error occurred while drawing the graph."}
      </p>
      <button
        type="button"
        onClick={reset}
        className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
      >
        Try again
      </button>
    </div>
  );
}
