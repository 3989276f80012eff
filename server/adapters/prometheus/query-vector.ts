/**
 * Instant queries whose answer must be a vector (the graph's, the inventory's health and
 * traffic queries), as plain samples: anything else is a `bad_response`, and an unreachable
 * Prometheus says where to look.
 */
import "server-only";
import { PrometheusError } from "@/server/errors";
import type { PrometheusClient } from "./prometheus-client";

/** One sample of an instant vector: its labels and value. */
export interface PromSample {
  labels: Record<string, string>;
  value: number;
}

export async function queryVector(
  client: Pick<PrometheusClient, "query" | "url">,
  promql: string,
  time: Date,
): Promise<PromSample[]> {
  try {
    const result = await client.query(promql, time);
    if (result.kind !== "vector") {
      throw new PrometheusError({
        errorType: "bad_response",
        query: promql,
        message: `Prometheus answered a query with a ${result.kind}, not a vector`,
      });
    }
    return result.samples.map((s) => ({ labels: s.labels, value: s.value }));
  } catch (error) {
    if (error instanceof PrometheusError && error.code === "prometheus_unavailable") {
      // The page shows this message as is: say what it needs and where to look.
      throw new PrometheusError({
        errorType: error.errorType,
        unavailable: true,
        query: promql,
        cause: error,
        message: `This page needs Prometheus, which does not answer: ${error.message}. Check that Prometheus is running and that TOPSAIL_PROMETHEUS_URL points at it.`,
      });
    }
    throw error;
  }
}
