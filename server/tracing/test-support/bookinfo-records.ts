/** The hand-written Bookinfo traces as the adapter hands them to this folder. */
import {
  normalV2 as normalV2Json,
  ratingsAbort as ratingsAbortJson,
  ratingsDelay as ratingsDelayJson,
} from "@/server/adapters/tracing/__fixtures__/bookinfo-jaeger";
import { reshapeTrace } from "@/server/adapters/tracing/jaeger-response";
import type { TraceRecord, TraceSearch, TracingClient } from "@/server/adapters/tracing";

export { requestIds } from "@/server/adapters/tracing/__fixtures__/bookinfo-jaeger";

export const normalV2 = reshapeTrace(normalV2Json);
export const ratingsAbort = reshapeTrace(ratingsAbortJson);
export const ratingsDelay = reshapeTrace(ratingsDelayJson);

/** A backend holding `traces`: searches match the service and every tag on one span, as Jaeger does. */
export function fakeTracingClient(traces: TraceRecord[]): TracingClient & { searches: TraceSearch[] } {
  const searches: TraceSearch[] = [];
  return {
    url: "http://jaeger.test/jaeger",
    searches,
    listServices: async () => [...new Set(traces.flatMap((t) => t.spans.map((s) => s.service)))],
    listOperations: async (service) => [
      ...new Set(traces.flatMap((t) => t.spans.filter((s) => s.service === service).map((s) => s.operation))),
    ],
    async searchTraces(search) {
      searches.push(search);
      return traces
        .filter((t) =>
          t.spans.some(
            (s) =>
              s.service === search.service &&
              Object.entries(search.tags ?? {}).every(([key, value]) => s.tags[key] === value),
          ),
        )
        .slice(0, search.limit);
    },
    getTrace: async (traceId) => traces.find((t) => t.traceId === traceId),
  };
}
