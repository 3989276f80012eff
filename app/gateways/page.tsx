import type { Metadata } from "next";
import { Suspense } from "react";
import { GatewayListView } from "@/components/gateways/gateway-list-view";

export const metadata: Metadata = { title: "Gateways" };

export default function GatewaysPage() {
  // useSearchParams (the namespace selection) needs a Suspense boundary for the static shell.
  return (
    <Suspense>
      <GatewayListView />
    </Suspense>
  );
}
