import "server-only";
import { getConfig } from "@/server/config";
import { createJaegerClient } from "./jaeger-client";
import type { TracingClient } from "./trace-records";

let client: TracingClient | undefined;

/** The console's tracing client, built once from the configuration; undefined when TOPSAIL_TRACING_URL is unset. */
export function getTracingClient(): TracingClient | undefined {
  const { url, timeoutMs } = getConfig().tracing;
  if (!url) return undefined;
  client ??= createJaegerClient({ url, timeoutMs });
  return client;
}

export { createJaegerClient } from "./jaeger-client";
export type { SpanRecord, TraceRecord, TraceSearch, TracingClient } from "./trace-records";
