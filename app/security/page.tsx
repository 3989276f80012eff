import type { Metadata } from "next";
import { Suspense } from "react";
import { SecurityView } from "@/components/security/security-view";

export const metadata: Metadata = { title: "Security" };

export default function SecurityPage() {
  // useSearchParams needs a Suspense boundary for the static shell.
  return (
    <Suspense>
      <SecurityView />
    </Suspense>
  );
}
