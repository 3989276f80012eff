import type { Metadata } from "next";
import { Suspense } from "react";
import { MeshView } from "@/components/mesh/mesh-view";

export const metadata: Metadata = { title: "Mesh" };

export default function MeshPage() {
  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Mesh</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          istiod, the gateways, and whether every proxy runs the configuration istiod last pushed.
        </p>
      </header>
      {/* The proxies follow the namespace selection (useSearchParams needs a Suspense boundary). */}
      <Suspense>
        <MeshView />
      </Suspense>
    </div>
  );
}
