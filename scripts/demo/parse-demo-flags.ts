/** `npm run demo` flags: ports of the three processes, a fresh start, and simulator sizing. */
import { parseArgs } from "node:util";
import { z } from "zod";

export const demoUsage =
  "usage: npm run demo -- [--fresh] [--api-port 18080] [--metrics-port 15090] [--tracing-port 16686] [--prometheus-port 9090] [--console-port 3000] [--seed N] [--scale N]";

export interface DemoOptions {
  fresh: boolean;
  apiPort: number;
  metricsPort: number;
  /** The simulator's Jaeger query API (traces), as Istio's Jaeger addon serves it. */
  tracingPort: number;
  prometheusPort: number;
  consolePort: number;
  seed?: number;
  scale?: number;
}

const port = z.coerce.number().int().min(1).max(65535);
const count = z.coerce.number().int().min(0);

export function parseDemoFlags(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      fresh: { type: "boolean", default: false },
      "api-port": { type: "string", default: "18080" },
      "metrics-port": { type: "string", default: "15090" },
      "tracing-port": { type: "string", default: "16686" },
      "prometheus-port": { type: "string", default: "9090" },
      "console-port": { type: "string", default: "3000" },
      seed: { type: "string" },
      scale: { type: "string" },
    },
  });
  const read = (name: string, kind: "port" | "count", raw: string | undefined): number => {
    const parsed = (kind === "port" ? port : count).safeParse(raw);
    if (!parsed.success)
      throw new Error(
        `--${name} must be ${kind === "port" ? "a port from 1 to 65535" : "a whole number ≥ 0"}, got "${raw}"\n${demoUsage}`,
      );
    return parsed.data;
  };
  const options: DemoOptions = {
    fresh: values.fresh ?? false,
    apiPort: read("api-port", "port", values["api-port"]),
    metricsPort: read("metrics-port", "port", values["metrics-port"]),
    tracingPort: read("tracing-port", "port", values["tracing-port"]),
    prometheusPort: read("prometheus-port", "port", values["prometheus-port"]),
    consolePort: read("console-port", "port", values["console-port"]),
  };
  if (values.seed !== undefined) options.seed = read("seed", "count", values.seed);
  if (values.scale !== undefined) options.scale = read("scale", "count", values.scale);
  const ports = [
    options.apiPort,
    options.metricsPort,
    options.tracingPort,
    options.prometheusPort,
    options.consolePort,
  ];
  if (new Set(ports).size !== ports.length)
    throw new Error(`the five ports must differ, got ${ports.join(", ")}\n${demoUsage}`);
  return options;
}
