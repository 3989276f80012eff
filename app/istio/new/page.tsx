import type { Metadata } from "next";
import { Suspense } from "react";
import { CreateObjectView } from "@/components/istio-config/create-object-view";

export const metadata: Metadata = { title: "New Istio object" };

export default function NewIstioObjectPage() {
  return (
    <Suspense>
      <CreateObjectView />
    </Suspense>
  );
}
