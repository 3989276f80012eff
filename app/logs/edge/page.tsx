import type { Metadata } from "next";
import { Suspense } from "react";
import { EdgeLogsView } from "@/components/logs/edge-logs-view";

export const metadata: Metadata = { title: "Edge access logs" };

export default function EdgeLogsPage() {
  // The edge and its filter live in the URL (useSearchParams needs a Suspense boundary).
  return (
    <Suspense>
      <EdgeLogsView />
    </Suspense>
  );
}
