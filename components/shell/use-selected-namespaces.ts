"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { namespaceMemoryKey } from "@/lib/namespace-memory";
import { parseNamespaceParam, formatNamespaceParam } from "@/lib/namespace-param";

/** The selected namespaces live in the URL (`?namespaces=a,b`) so a link reproduces the view. */
export function useSelectedNamespaces(): [string[], (next: string[]) => void] {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const selected = useMemo(() => parseNamespaceParam(search.get("namespaces")), [search]);
  const setSelected = useCallback(
    (next: string[]) => {
      const params = new URLSearchParams(search.toString());
      const value = formatNamespaceParam(next);
      // Stored here as well, so a cleared selection ("") is remembered too and not restored.
      window.localStorage.setItem(namespaceMemoryKey, value);
      if (value) params.set("namespaces", value);
      else params.delete("namespaces");
      const query = params.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [search, router, pathname],
  );
  return [selected, setSelected];
}
