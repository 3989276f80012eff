"use client";

/**
 * The Overview's warning when some proxy runs config istiod has moved past (not SYNCED): routing changes are not in
 * force there, which no namespace card would show. Silent when every proxy is SYNCED or sync status is unavailable
 * (the Mesh page says why).
 */
import Link from "next/link";
import { useMesh } from "@/lib/queries/mesh";

export function ProxySyncCallout() {
  const mesh = useMesh();
  const unsynced = (mesh.data?.proxies ?? []).filter((p) => p.overall !== "SYNCED");
  if (unsynced.length === 0) return null;
  const shown = unsynced.slice(0, 5);
  return (
    <section
      role="alert"
      aria-labelledby="proxy-sync-callout-heading"
      data-testid="proxy-sync-callout"
      className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <h2 id="proxy-sync-callout-heading" className="font-medium">
        {unsynced.length === 1 ? "1 proxy is" : `${unsynced.length} proxies are`} not in sync with istiod
      </h2>
      <ul className="mt-1 list-inside list-disc">
        {shown.map((p) => (
          <li key={`${p.namespace}/${p.pod}`}>
            <span className="font-mono text-xs">
              {p.namespace}/{p.pod}
            </span>{" "}
            {p.overall}
          </li>
        ))}
        {unsynced.length > shown.length && <li>and {unsynced.length - shown.length} more</li>}
      </ul>
      <p className="mt-1">
        Config changes may not be in force on them.{" "}
        <Link href="/mesh" className="underline">
          See the Mesh page
        </Link>
        .
      </p>
    </section>
  );
}
