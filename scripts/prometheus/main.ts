/**
 * `npm run prometheus`: Debian's Prometheus scraping the simulator's Istio metrics every
 * 2 s, data under .topsail/prometheus. Prints one line with `ready` and the URL; Ctrl-C stops.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { startPrometheus } from "./start-prometheus";

const usage =
  "usage: npm run prometheus -- [--port 9090] [--target 127.0.0.1:15090]… [--data DIR] [--scrape-interval 2]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      port: { type: "string", default: "9090" },
      target: { type: "string", multiple: true },
      data: { type: "string", default: path.resolve(import.meta.dirname, "../../.topsail/prometheus") },
      "scrape-interval": { type: "string", default: "2" },
    },
  });
  const port = Number(values.port);
  const interval = Number(values["scrape-interval"]);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`--port must be a port from 1 to 65535\n${usage}`);
  if (!Number.isInteger(interval) || interval < 1)
    throw new Error(`--scrape-interval must be whole seconds ≥ 1\n${usage}`);
  const targets = (values.target ?? ["127.0.0.1:15090"]).map((address) => {
    if (!/^[\w.-]+:\d+$/.test(address)) throw new Error(`--target must be host:port, got "${address}"\n${usage}`);
    return { job: "topsail-sim", address };
  });
  const prometheus = await startPrometheus({ dataDir: values.data, port, scrapeIntervalSeconds: interval, targets });
  console.log(
    `prometheus ready at ${prometheus.url} scraping ${targets.map((t) => t.address).join(", ")} every ${interval}s (data ${values.data})`,
  );
  let stopping = false;
  const stop = () => {
    stopping = true;
    void prometheus.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  prometheus.process.once("exit", (code) => {
    if (stopping) return;
    console.error(`prometheus exited (code ${code})`);
    process.exit(1);
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
