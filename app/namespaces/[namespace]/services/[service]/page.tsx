import type { Metadata } from "next";
import { Suspense } from "react";
import { DetailView } from "@/components/inventory/detail-view";

type Params = { namespace: string; service: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `${decodeURIComponent(p.service)} · Service` };
}

export default async function ServiceDetailPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  // useSearchParams (tab and range) needs a Suspense boundary.
  return (
    <Suspense>
      <DetailView kind="services" namespace={decodeURIComponent(p.namespace)} name={decodeURIComponent(p.service)} />
    </Suspense>
  );
}
