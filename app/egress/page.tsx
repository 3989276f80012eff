import type { Metadata } from "next";
import { Suspense } from "react";
import { EgressView } from "@/components/egress/egress-view";

export const metadata: Metadata = { title: "Egress" };

export default function EgressPage() {
  // useSearchParams (the namespace selection) needs a Suspense boundary for the static shell.
  return (
    <Suspense>
      <EgressView />
    </Suspense>
  );
}
