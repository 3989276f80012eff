/**
 * For integration tests that call the console's route handlers: an HTTP server standing in for
 * Prometheus on a free local port, answering with the test's own handler, and TOPSAIL_PROMETHEUS_URL
 * pointing at it — restored, and the server closed, by `stop()`.
 */
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";

export interface PrometheusStandIn {
  /** Restores TOPSAIL_PROMETHEUS_URL and closes the server. */
  stop(): Promise<void>;
}

export async function startPrometheusStandIn(answer: RequestListener): Promise<PrometheusStandIn> {
  const saved = process.env.TOPSAIL_PROMETHEUS_URL;
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.TOPSAIL_PROMETHEUS_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async stop() {
      if (saved === undefined) delete process.env.TOPSAIL_PROMETHEUS_URL;
      else process.env.TOPSAIL_PROMETHEUS_URL = saved;
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A Prometheus with no samples that writes down what it was asked: every query's URL goes into
 * `asked`, and the answer is empty (a matrix to a range query, a vector to an instant one) — for
 * tests that check which queries a request sent, or that it sent none.
 */
export function recordingEmptyPrometheus(asked: string[]): RequestListener {
  return (req, res) => {
    asked.push(req.url ?? "");
    const resultType = (req.url ?? "").includes("query_range") ? "matrix" : "vector";
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ status: "success", data: { resultType, result: [] } }));
  };
}
