"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { defaultAuditPageSize } from "@/lib/contracts/audit";
import { formatNamespaceParam } from "@/lib/namespace-param";
import { useAuditList, type AuditFilters } from "@/lib/queries/audit";
import { buttonClass } from "@/components/istio-config/dialog-parts";
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";
import { MessageText } from "@/components/ui/message-text";
import { AuditEntryPanel } from "./audit-entry-panel";
import { AuditFiltersBar } from "./audit-filters";
import { firstIndexOf, newerPage, olderPage, pagingAt, type AuditPaging } from "./audit-paging";
import { AuditTable } from "./audit-table";

const filterKeys = ["kind", "name", "actor", "source", "status", "since", "until"] as const;

/**
 * /audit: every change to Istio config and sidecar injection in the top bar's namespaces (every namespace when none is
 * selected), newest first, a page at a time, filterable. `?entry=<id>` opens one entry — from a row, or from a link
 * elsewhere (an experiment's timeline) whatever page it is on — with its diff and rollbacks.
 */
export function AuditView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [namespaces] = useSelectedNamespaces();
  const filters: AuditFilters = Object.fromEntries(
    filterKeys.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  );
  const selected = params.get("entry") ?? undefined;
  const urlCursor = params.get("cursor") ?? undefined;
  const [trail, setTrail] = useState<AuditPaging>(() => pagingAt(urlCursor));
  // The URL decides the page; the trail only counts while it leads to that page.
  const paging = trail.cursor === urlCursor ? trail : pagingAt(urlCursor);
  const list = useAuditList({ filters, namespaces, cursor: paging.cursor });

  // A page of one selection is no place to start another: a new selection in the top bar starts from the newest entry,
  // as a new filter does below (the top bar keeps the other parameters, the cursor among them).
  const scope = formatNamespaceParam(namespaces);
  const scopeOfCursor = useRef(scope);
  useEffect(() => {
    if (scopeOfCursor.current === scope) return;
    scopeOfCursor.current = scope;
    if (!params.has("cursor")) return;
    const next = new URLSearchParams(params.toString());
    next.delete("cursor");
    router.replace(`${pathname}?${next}`, { scroll: false });
  }, [scope, params, router, pathname]);

  /** Changes some parameters and keeps the others (the top bar's namespaces among them). */
  const setParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const goTo = (next: AuditPaging) => {
    setTrail(next);
    setParams({ cursor: next.cursor });
  };

  const entries = list.data?.entries ?? [];
  const nextCursor = list.data?.nextCursor ?? null;
  const first = firstIndexOf(paging, defaultAuditPageSize);
  return (
    <div className="flex flex-col gap-4 p-4">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Every change to Istio config and sidecar injection made through Topsail (wizards, editor, experiments,
        rollbacks), and changes made outside it (kubectl, GitOps), newest first. A change Topsail is still writing shows
        as pending; one that was not applied, as failed.
      </p>
      <p className="text-sm" data-testid="audit-scope">
        {namespaces.length > 0
          ? `Changes in ${namespaces.join(", ")} (the namespaces selected in the top bar).`
          : "Changes in every namespace; select namespaces in the top bar to see only theirs."}
      </p>
      <AuditFiltersBar
        value={filters}
        onChange={(next) =>
          // Other filters make other pages: start again from the newest entry.
          setParams({ ...Object.fromEntries(filterKeys.map((k) => [k, next[k]])), cursor: undefined })
        }
      />
      {list.error && (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={list.error.message} />
        </p>
      )}
      <AuditTable
        entries={entries}
        selected={selected}
        loading={list.isPending}
        onSelect={(id) => setParams({ entry: id })}
      />
      <nav aria-label="Pages of the audit log" className="flex flex-wrap items-center gap-2 text-sm">
        <span data-testid="audit-page-position" className="mr-auto text-slate-600 dark:text-slate-300">
          {positionText(list.isPlaceholderData ? undefined : entries.length, first, nextCursor !== null, paging)}
        </span>
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={!paging.cursor}
          onClick={() => goTo(pagingAt(undefined))}
        >
          Newest
        </button>
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={!paging.cursor}
          onClick={() => goTo(newerPage(paging))}
        >
          Newer
        </button>
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={!nextCursor || list.isPlaceholderData}
          onClick={() => nextCursor && goTo(olderPage(paging, nextCursor))}
        >
          Older
        </button>
      </nav>
      {selected && <AuditEntryPanel key={selected} id={selected} onClose={() => setParams({ entry: undefined })} />}
    </div>
  );
}

/** Where the page is, in words; `shown` undefined while the page is still loading (the previous one stays listed). */
function positionText(shown: number | undefined, first: number | undefined, more: boolean, paging: AuditPaging) {
  if (shown === undefined) return "Loading the page…";
  if (shown === 0) return "";
  const range = first === undefined ? `${shown} entries` : `Entries ${first + 1}–${first + shown}`;
  return `${range}${more ? ", and older ones" : paging.cursor ? ", the oldest" : ""}`;
}
