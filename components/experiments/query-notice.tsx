/** What an experiments page shows while its query has no data to show: the loading line, or the error. */
export function QueryNotice({ query, loading }: { query: { isError: boolean; error: Error | null }; loading: string }) {
  return query.isError ? (
    <p role="alert" className="text-sm text-red-700 dark:text-red-400">
      {query.error?.message}
    </p>
  ) : (
    <p role="status" className="text-sm text-slate-500">
      {loading}
    </p>
  );
}
