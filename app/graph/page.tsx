import type { Metadata } from "next";
import { Suspense } from "react";
import { GraphView } from "@/components/graph/graph-view";

export const metadata: Metadata = { title: "Graph" };

export default function GraphPage() {
  // useSearchParams needs a Suspense boundary for the static shell.
  return (
    <Suspense>
      <GraphView />
    </Suspense>
  );
}
