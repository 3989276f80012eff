import type { Metadata } from "next";
import { Suspense } from "react";
import { InventoryListView } from "@/components/inventory/inventory-list-view";

export const metadata: Metadata = { title: "Applications" };

export default function ApplicationsPage() {
  // useSearchParams (the namespace selection) needs a Suspense boundary for the static shell.
  return (
    <Suspense>
      <InventoryListView kind="applications" />
    </Suspense>
  );
}
