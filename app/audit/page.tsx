import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditView } from "@/components/audit/audit-view";
import { NamespaceChanges } from "@/components/changes/namespace-changes";

export const metadata: Metadata = { title: "Audit" };

export default function AuditPage() {
  // The filters live in the URL (useSearchParams needs a Suspense boundary).
  return (
    <>
      <Suspense>
        <AuditView />
      </Suspense>
      <NamespaceChanges />
    </>
  );
}
