/**
 * A client for the Jaeger query API v1 (`/api/services`, `/api/services/{s}/operations`,
 * `/api/traces`, `/api/traces/{id}`), the API Istio's Jaeger addon serves and Kiali reads. It
 * knows transport, timeouts and response validation, nothing about Istio. Times go out in
 * microseconds since the epoch and durations as `<n>us`, as the query service parses them.
 */
import "server-only";
import type { z } from "zod";
import { TracingError } from "@/server/errors";
import {
  jaegerEnvelopeSchema,
  operationListSchema,
  reshapeTrace,
  stringListSchema,
  traceListSchema,
} from "./jaeger-response";
import type { TraceRecord, TraceSearch, TracingClient } from "./trace-records";
import { describeNetworkFailure } from "@/server/adapters/network-failure";

export interface JaegerClientOptions {
  /** The query API's base URL, with the addon's base path (`http://tracing.istio-system/jaeger`). */
  url: string;
  timeoutMs: number;
}

const micros = (date: Date) => String(date.getTime() * 1000);

export function createJaegerClient(options: JaegerClientOptions): TracingClient {
  const base = options.url.replace(/\/+$/, "");

  /**
   * The envelope's `data`. A 404 means "no such trace" only for `/api/traces/{id}`
   * (`absentOn404`: undefined); on any other path it means the URL is wrong.
   */
  async function call(path: string, params?: URLSearchParams, absentOn404 = false): Promise<unknown> {
    const target = `${base}${path}${params && params.size > 0 ? `?${params.toString()}` : ""}`;
    let response: Response;
    let text: string;
    // As the Prometheus adapter: the deadline covers the body, so a backend that stalls
    // mid-answer is a 503 `tracing_unavailable`, not a hung request.
    try {
      response = await fetch(target, {
        headers: { Accept: "application/json" },
        signal: AbortSignal.timeout(options.timeoutMs),
        cache: "no-store",
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new TracingError({
        errorType: timedOut ? "timeout" : "unavailable",
        unavailable: true,
        cause: error,
        message: timedOut
          ? `The tracing backend at ${base} did not answer within ${options.timeoutMs} ms`
          : `Cannot reach the tracing backend at ${base} (${describeNetworkFailure(error)})`,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // Jaeger's UI answers unknown paths with its HTML page: the usual cause is a missing base path.
      throw new TracingError({
        errorType: "bad_response",
        message: `The tracing backend at ${base} answered HTTP ${response.status} without JSON: is TOPSAIL_TRACING_URL the Jaeger query URL with its base path, e.g. http://tracing.istio-system/jaeger?`,
      });
    }
    if (response.status === 404 && !absentOn404) {
      throw new TracingError({
        errorType: "not_found",
        message: `The tracing backend at ${base} has no ${path} (HTTP 404): is TOPSAIL_TRACING_URL the Jaeger query URL with its base path, e.g. http://tracing.istio-system/jaeger?`,
      });
    }
    const parsed = jaegerEnvelopeSchema.safeParse(body);
    if (!parsed.success) {
      throw new TracingError({
        errorType: "bad_response",
        message: `The tracing backend at ${base} answered ${path} with an unexpected body`,
      });
    }
    const firstError = parsed.data.errors?.[0];
    if (absentOn404 && (response.status === 404 || firstError?.code === 404)) return undefined;
    if (!response.ok || firstError) {
      throw new TracingError({
        errorType: response.status >= 500 ? "backend" : "rejected",
        unavailable: response.status === 503,
        message: `The tracing backend refused ${path}: ${firstError?.msg ?? `HTTP ${response.status}`}`,
      });
    }
    return parsed.data.data;
  }

  function shaped<S extends z.ZodType>(data: unknown, schema: S, what: string): z.infer<S> {
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new TracingError({
        errorType: "bad_response",
        message: `The tracing backend at ${base} answered ${what} with an unexpected shape`,
      });
    }
    return parsed.data;
  }

  return {
    url: base,
    async listServices() {
      return shaped(await call("/api/services"), stringListSchema, "the service list") ?? [];
    },
    async listOperations(service) {
      const data = await call(`/api/services/${encodeURIComponent(service)}/operations`);
      const list = shaped(data, operationListSchema, "the operation list") ?? [];
      return list.map((op) => (typeof op === "string" ? op : op.name));
    },
    async searchTraces(search: TraceSearch): Promise<TraceRecord[]> {
      const params = new URLSearchParams({
        service: search.service,
        start: micros(search.start),
        end: micros(search.end),
        limit: String(search.limit),
      });
      if (search.operation) params.set("operation", search.operation);
      if (search.tags && Object.keys(search.tags).length > 0) params.set("tags", JSON.stringify(search.tags));
      if (search.minDurationMs !== undefined && search.minDurationMs > 0)
        params.set("minDuration", `${Math.round(search.minDurationMs * 1000)}us`);
      const traces = shaped(await call("/api/traces", params), traceListSchema, "a trace search") ?? [];
      return traces.map(reshapeTrace);
    },
    async getTrace(traceId) {
      const data = await call(`/api/traces/${encodeURIComponent(traceId)}`, undefined, true);
      if (data === undefined) return undefined;
      // One trace is answered as a list of one.
      const [trace] = shaped(data, traceListSchema, "a trace") ?? [];
      return trace ? reshapeTrace(trace) : undefined;
    },
  };
}
