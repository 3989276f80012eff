import type { Metadata } from "next";
import { Suspense } from "react";
import { ConfigListView } from "@/components/istio-config/config-list-view";

export const metadata: Metadata = { title: "Istio config" };

export default function IstioConfigPage() {
  // useSearchParams needs a Suspense boundary for the static shell.
  return (
    <Suspense>
      <ConfigListView />
    </Suspense>
  );
}
