import type { Metadata } from "next";
import { TraceByIdView } from "@/components/traces/trace-detail-view";

type Params = { traceId: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { traceId } = await params;
  return { title: `Trace ${decodeURIComponent(traceId).slice(0, 12)}` };
}

export default async function TracePage({ params }: { params: Promise<Params> }) {
  const { traceId } = await params;
  return <TraceByIdView traceId={decodeURIComponent(traceId)} />;
}
