import type { Metadata } from "next";
import { Suspense } from "react";
import { GatewayDetailView } from "@/components/gateways/gateway-detail-view";

type Params = { namespace: string; name: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `${decodeURIComponent(p.name)} · Gateway` };
}

export default async function GatewayDetailPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  return (
    <Suspense>
      <GatewayDetailView namespace={decodeURIComponent(p.namespace)} name={decodeURIComponent(p.name)} />
    </Suspense>
  );
}
