"use client";

/** The explainer's form in the URL (lib/explain-request/url-state.ts): read it, and write a submitted form back. */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseExplainForm, writeExplainForm, type ExplainForm } from "@/lib/explain-request/url-state";
import { useSelectedNamespaces } from "@/components/shell/use-selected-namespaces";

export function useExplainUrlState(): [ExplainForm, (next: ExplainForm) => void] {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [selected] = useSelectedNamespaces();
  // A link without a namespace starts in the top bar's first one.
  const form = useMemo(() => parseExplainForm(search, selected[0]), [search, selected]);
  const submit = useCallback(
    (next: ExplainForm) => {
      const params = writeExplainForm(next, new URLSearchParams(search.toString()));
      // push, not replace: each question asked is a step Back returns to.
      router.push(`${pathname}?${params.toString()}`, { scroll: false });
    },
    [search, router, pathname],
  );
  return [form, submit];
}
