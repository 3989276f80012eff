import type { Metadata } from "next";
import { Suspense } from "react";
import { DetailView } from "@/components/inventory/detail-view";

type Params = { namespace: string; workload: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `${decodeURIComponent(p.workload)} · Workload` };
}

export default async function WorkloadDetailPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  // useSearchParams (tab and range) needs a Suspense boundary.
  return (
    <Suspense>
      <DetailView kind="workloads" namespace={decodeURIComponent(p.namespace)} name={decodeURIComponent(p.workload)} />
    </Suspense>
  );
}
