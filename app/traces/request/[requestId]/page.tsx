import type { Metadata } from "next";
import { TraceByRequestView } from "@/components/traces/trace-detail-view";

type Params = { requestId: string };
type Search = { namespace?: string | string[]; workload?: string | string[] };

export const metadata: Metadata = { title: "Request trace" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** /traces/request/REQUEST_ID?namespace=NS&workload=W: the Logs tab links here from each access-log line. */
export default async function RequestTracePage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Search>;
}) {
  const { requestId } = await params;
  const search = await searchParams;
  return (
    <TraceByRequestView
      requestId={decodeURIComponent(requestId)}
      namespace={first(search.namespace)}
      workload={first(search.workload)}
    />
  );
}
