import type { Metadata } from "next";
import { Suspense } from "react";
import { ExplainView } from "@/components/explain/explain-view";

export const metadata: Metadata = { title: "Explain a request" };

export default function ExplainPage() {
  // useSearchParams (the question lives in the URL) needs a Suspense boundary for the static shell.
  return (
    <Suspense>
      <ExplainView />
    </Suspense>
  );
}
