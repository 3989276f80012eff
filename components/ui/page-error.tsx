"use client";

/** What an app/ error boundary shows: what failed, the error's message, and a retry. */
export function PageError({
  title,
  fallback = "An unexpected error occurred.",
  error,
  reset,
}: {
  title: string;
  /** Shown when the error has no message. */
  fallback?: string;
  error: Error;
  reset: () => void;
}) {
  return (
    <div role="alert" className="mx-auto max-w-xl space-y-3 py-16 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-slate-600 dark:text-slate-400">{error.message || fallback}</p>
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
