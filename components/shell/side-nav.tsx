"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { navItems } from "./nav-items";
import { Icon } from "@/components/ui/icon";

/**
 * The nav's links do not prefetch: Next prefetches every visible link's page as the page
 * loads, and those requests and their parsing competed with the page's own first paint (on
 * the graph page, bench/graph-first-paint.bench.ts: 500 nodes drawn in 2.45 s instead of
 * 2.73 s, medians of two back-to-back runs each). A console's nav is clicked rarely enough
 * for the page it opens to be fetched then.
 */
export function SideNav() {
  const pathname = usePathname();
  const search = useSearchParams();
  const namespaces = search.get("namespaces");
  const suffix = namespaces ? `?namespaces=${encodeURIComponent(namespaces)}` : "";
  return (
    <nav
      aria-label="Main"
      className="flex w-52 shrink-0 flex-col border-r border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <Link
        href={`/${suffix}`}
        prefetch={false}
        className="flex h-14 items-center gap-2 border-b border-slate-200 px-4 font-semibold dark:border-slate-800"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- a static SVG needs no image optimisation */}
        <img src="/icon.svg" alt="" width={24} height={24} />
        Topsail
      </Link>
      <ul className="flex flex-col gap-1 p-2">
        {navItems.map((item) => {
          const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={`${item.href}${suffix}`}
                prefetch={false}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm ${
                  active
                    ? "bg-sky-100 font-medium text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"
                    : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                }`}
              >
                <Icon path={item.icon} />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
