/**
 * simctl: the simulator mesh's control API from a terminal.
 *
 *   npx tsx scripts/simctl.ts status
 *   npx tsx scripts/simctl.ts load bookinfo-ingress 50 [--connections N] [--jason-share 0.2]
 *   npx tsx scripts/simctl.ts load external 2 --host httpbin.org [--scheme http|https] [--port 80] [--path /headers]
 *   npx tsx scripts/simctl.ts workload bookinfo reviews-v3 --error-rate 0.3 [--p50 100 [--p99 400]] [--grpc-status 14]
 *   npx tsx scripts/simctl.ts proxy bookinfo <pod> --stale | --synced
 *   npx tsx scripts/simctl.ts pause | resume | reset
 *   --url http://127.0.0.1:15090 (default)
 */
import { parseArgs } from "node:util";

const USAGE = `usage: simctl [--url URL] <command>
  status                                   show load, workload overrides, series counts
  load <entry-point> <requests-per-second> [--connections N] [--jason-share 0..1]
       entry points: bookinfo-ingress, fortio, tcp-client, synthetic, grpc-client, external
  load external <requests-per-second> [--host httpbin.org] [--scheme http|https] [--port 80] [--path /headers]
       the egress tasks' curl pod calling a host outside the mesh (https: TLS from curl, port 443 unless given)
  workload <namespace> <workload> [--error-rate 0..1] [--p50 MS] [--p99 MS] [--grpc-status 1..16]
       --grpc-status: the grpc-status of failing answers to gRPC calls (e.g. 14, UNAVAILABLE)
  proxy <namespace> <pod> --stale | --synced
       --stale: the proxy stops acknowledging istiod's pushes (istiod's /debug/syncz reports it STALE)
  pause | resume | reset`;

async function request(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url + path, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
    });
  } catch {
    throw new Error(`cannot reach the simulator mesh at ${url} (is the simulator running? --url to point elsewhere)`);
  }
  const json: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = (json as { error?: { message?: string } }).error?.message ?? response.statusText;
    throw new Error(`${response.status}: ${message}`);
  }
  return json;
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${value}`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: "string", default: "http://127.0.0.1:15090" },
      connections: { type: "string" },
      "jason-share": { type: "string" },
      "error-rate": { type: "string" },
      p50: { type: "string" },
      p99: { type: "string" },
      "grpc-status": { type: "string" },
      stale: { type: "boolean" },
      synced: { type: "boolean" },
      host: { type: "string" },
      scheme: { type: "string" },
      port: { type: "string" },
      path: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const url = (values.url ?? "http://127.0.0.1:15090").replace(/\/$/, "");
  const [command, ...args] = positionals;
  if (values.help || !command) return console.log(USAGE);

  let result: unknown;
  if (command === "status") result = await request(url, "GET", "/control");
  else if (command === "pause" || command === "resume" || command === "reset")
    result = await request(url, "POST", `/control/${command}`);
  else if (command === "load") {
    const [entryPoint, rate] = args;
    if (!entryPoint) throw new Error(`load needs an entry point\n${USAGE}`);
    const connections = numberOption(values.connections, "connections");
    const jasonShare = numberOption(values["jason-share"], "jason-share");
    const port = numberOption(values.port, "port");
    result = await request(url, "PUT", "/control/load", {
      entryPoint,
      ...(rate !== undefined ? { requestsPerSecond: numberOption(rate, "requests-per-second") } : {}),
      ...(connections !== undefined ? { connections } : {}),
      ...(jasonShare !== undefined ? { jasonShare } : {}),
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(values.scheme !== undefined ? { scheme: values.scheme } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(values.path !== undefined ? { path: values.path } : {}),
    });
  } else if (command === "workload") {
    const [namespace, workload] = args;
    if (!namespace || !workload) throw new Error(`workload needs a namespace and a workload\n${USAGE}`);
    const errorRate = numberOption(values["error-rate"], "error-rate");
    const p50 = numberOption(values.p50, "p50");
    const p99 = numberOption(values.p99, "p99");
    const grpcStatus = numberOption(values["grpc-status"], "grpc-status");
    if (p99 !== undefined && p50 === undefined) throw new Error("--p99 needs --p50");
    result = await request(
      url,
      "PUT",
      `/control/workloads/${encodeURIComponent(namespace)}/${encodeURIComponent(workload)}`,
      {
        ...(errorRate !== undefined ? { errorRate } : {}),
        ...(p50 !== undefined ? { latencyMs: { p50, ...(p99 !== undefined ? { p99 } : {}) } } : {}),
        ...(grpcStatus !== undefined ? { grpcStatus } : {}),
      },
    );
  } else if (command === "proxy") {
    const [namespace, pod] = args;
    if (!namespace || !pod) throw new Error(`proxy needs a namespace and a pod\n${USAGE}`);
    if (values.stale === values.synced) throw new Error("proxy needs one of --stale and --synced");
    result = await request(url, "PUT", `/control/proxies/${encodeURIComponent(namespace)}/${encodeURIComponent(pod)}`, {
      stale: values.stale === true,
    });
  } else throw new Error(`unknown command ${command}\n${USAGE}`);
  console.log(JSON.stringify(result, null, 2));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`simctl: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
