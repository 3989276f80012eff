"use client";

import { PageError } from "@/components/ui/page-error";

export default function GraphError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <PageError
      title="The graph page failed"
      fallback="An unexpected error occurred while drawing the graph."
      {...props}
    />
  );
}
