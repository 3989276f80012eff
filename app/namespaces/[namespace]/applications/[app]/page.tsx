import type { Metadata } from "next";
import { Suspense } from "react";
import { DetailView } from "@/components/inventory/detail-view";

type Params = { namespace: string; app: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `${decodeURIComponent(p.app)} · App` };
}

export default async function AppDetailPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  // useSearchParams (tab and range) needs a Suspense boundary.
  return (
    <Suspense>
      <DetailView kind="applications" namespace={decodeURIComponent(p.namespace)} name={decodeURIComponent(p.app)} />
    </Suspense>
  );
}
