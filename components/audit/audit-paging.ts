/**
 * Where the audit page is in the list. The page's cursor lives in the URL (`?cursor=`, so a reload or a link stays on
 * that page); the cursors of the newer pages the user came through are kept beside it, so "Newer" goes back one page
 * and the position can be said in numbers. A page opened from a link has no such trail: "Newer" then returns to the
 * newest entries and the position is not known.
 */
export interface AuditPaging {
  /** The cursor of the page shown; undefined: the newest entries. */
  cursor?: string;
  /** The cursors of the newer pages visited on the way here, oldest last (undefined: the newest page). */
  trail: (string | undefined)[];
}

export const newestPage: AuditPaging = { trail: [] };

/** The page opened from the URL: no trail unless it is the newest one. */
export function pagingAt(cursor: string | undefined): AuditPaging {
  return cursor ? { cursor, trail: [] } : newestPage;
}

export function olderPage(paging: AuditPaging, nextCursor: string): AuditPaging {
  return { cursor: nextCursor, trail: [...paging.trail, paging.cursor] };
}

export function newerPage(paging: AuditPaging): AuditPaging {
  if (paging.trail.length === 0) return newestPage;
  return { cursor: paging.trail.at(-1), trail: paging.trail.slice(0, -1) };
}

/** The 0-based position of the page's first entry, when the trail reaches back to the newest page. */
export function firstIndexOf(paging: AuditPaging, pageSize: number): number | undefined {
  if (paging.cursor === undefined) return 0;
  return paging.trail.length > 0 && paging.trail[0] === undefined ? paging.trail.length * pageSize : undefined;
}
