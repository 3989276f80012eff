"use client";

/** Keeps the namespace selection per browser: see lib/namespace-memory.ts. Renders nothing. */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { namespaceMemoryKey, namespaceMemoryStep } from "@/lib/namespace-memory";

export function RememberNamespaces() {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    const step = namespaceMemoryStep(search.get("namespaces"), window.localStorage.getItem(namespaceMemoryKey));
    if (step.kind === "remember") window.localStorage.setItem(namespaceMemoryKey, step.value);
    if (step.kind === "restore") {
      const params = new URLSearchParams(search.toString());
      params.set("namespaces", step.value);
      router.replace(`${pathname}?${params.toString()}`, { scroll: false });
    }
  }, [search, router, pathname]);
  return null;
}
