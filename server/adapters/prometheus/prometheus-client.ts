/**
 * A thin client for the Prometheus HTTP API. It knows transport, authentication, timeouts
 * and response validation, nothing about Istio. Queries are sent as form-encoded POSTs so
 * long PromQL never hits URL length limits (Prometheus, Thanos, Mimir and VictoriaMetrics
 * all accept that).
 */
import "server-only";
import { PrometheusError } from "@/server/errors";
import type { PrometheusAuth } from "@/server/config/parse-config";
import { buildInfoData, envelope, queryData, reshapeQueryData, type QueryResult } from "./prometheus-response";
import { describeNetworkFailure } from "@/server/adapters/network-failure";

export interface PrometheusClientOptions {
  url: string;
  auth: PrometheusAuth;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Told of every call: how long it took and, when it failed, the error type (the console's metrics). */
  observe?: (seconds: number, errorType?: string) => void;
}

export interface PrometheusClient {
  readonly url: string;
  query(promql: string, time?: Date): Promise<QueryResult>;
  queryRange(promql: string, range: { start: Date; end: Date; stepSeconds: number }): Promise<QueryResult>;
  buildInfo(): Promise<{ version: string }>;
}

function authHeader(auth: PrometheusAuth): Record<string, string> {
  if (auth.kind === "bearer") return { Authorization: `Bearer ${auth.token}` };
  if (auth.kind === "basic") {
    return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}` };
  }
  return {};
}

export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const baseHeaders = { Accept: "application/json", ...options.headers, ...authHeader(options.auth) };

  async function call(path: string, params: Record<string, string> | undefined, query?: string): Promise<unknown> {
    const started = performance.now();
    try {
      const data = await send(path, params, query);
      options.observe?.((performance.now() - started) / 1000);
      return data;
    } catch (error) {
      options.observe?.(
        (performance.now() - started) / 1000,
        error instanceof PrometheusError ? error.errorType : "internal",
      );
      throw error;
    }
  }

  async function send(path: string, params: Record<string, string> | undefined, query?: string): Promise<unknown> {
    const target = `${options.url}${path}`;
    let response: Response;
    let text: string;
    // The deadline covers the body too: a Prometheus that sends its headers and then stalls
    // (a slow query streaming a large answer) times out here, as a 503, not later as a 500.
    try {
      response = await fetch(target, {
        method: params ? "POST" : "GET",
        headers: params ? { ...baseHeaders, "Content-Type": "application/x-www-form-urlencoded" } : baseHeaders,
        body: params ? new URLSearchParams(params).toString() : undefined,
        signal: AbortSignal.timeout(options.timeoutMs),
        cache: "no-store",
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new PrometheusError({
        errorType: timedOut ? "timeout" : "unavailable",
        unavailable: true,
        query,
        cause: error,
        message: timedOut
          ? `Prometheus at ${options.url} did not answer within ${options.timeoutMs} ms`
          : `Cannot reach Prometheus at ${options.url} (${describeNetworkFailure(error)})`,
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const hint =
        response.status === 401 || response.status === 403
          ? "check TOPSAIL_PROMETHEUS_TOKEN or TOPSAIL_PROMETHEUS_USERNAME/PASSWORD"
          : "is TOPSAIL_PROMETHEUS_URL the Prometheus API base URL?";
      throw new PrometheusError({
        errorType: response.status === 401 || response.status === 403 ? "unauthorized" : "bad_response",
        query,
        message: `Prometheus at ${options.url} answered HTTP ${response.status} without JSON: ${hint}`,
      });
    }
    const parsed = envelope.safeParse(body);
    if (!parsed.success) {
      throw new PrometheusError({
        errorType: "bad_response",
        query,
        message: `Prometheus at ${options.url} answered with an unexpected body`,
      });
    }
    if (parsed.data.status === "error") {
      throw new PrometheusError({
        errorType: parsed.data.errorType,
        query,
        message: `Prometheus rejected the query: ${parsed.data.error}`,
      });
    }
    return parsed.data.data;
  }

  async function runQuery(path: string, params: Record<string, string>, promql: string): Promise<QueryResult> {
    const data = queryData.safeParse(await call(path, params, promql));
    if (!data.success) {
      throw new PrometheusError({
        errorType: "bad_response",
        query: promql,
        message: "Prometheus answered a query with an unexpected result shape",
      });
    }
    return reshapeQueryData(data.data);
  }

  return {
    url: options.url,
    query(promql, time) {
      const params: Record<string, string> = { query: promql, timeout: `${Math.ceil(options.timeoutMs / 1000)}s` };
      if (time) params.time = (time.getTime() / 1000).toString();
      return runQuery("/api/v1/query", params, promql);
    },
    queryRange(promql, range) {
      return runQuery(
        "/api/v1/query_range",
        {
          query: promql,
          start: (range.start.getTime() / 1000).toString(),
          end: (range.end.getTime() / 1000).toString(),
          step: `${range.stepSeconds}s`,
          timeout: `${Math.ceil(options.timeoutMs / 1000)}s`,
        },
        promql,
      );
    },
    async buildInfo() {
      const data = buildInfoData.safeParse(await call("/api/v1/status/buildinfo", undefined));
      if (!data.success) {
        throw new PrometheusError({
          errorType: "bad_response",
          message: `Prometheus at ${options.url} answered buildinfo with an unexpected body`,
        });
      }
      return { version: data.data.version };
    },
  };
}
