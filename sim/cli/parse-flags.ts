/** The simulator's command line, parsed with node:util so `--scenario` may repeat. */
import { parseArgs } from "node:util";
import { z } from "zod";
import type { SimulatorOptions } from "../index";
import { DEFAULT_METRICS_PORT, DEFAULT_TRACING_PORT } from "../mesh/index";

const USAGE =
  "usage: npm run sim -- [--port 18080] [--kubeconfig PATH] [--scenario DIR]… [--state FILE] [--seed N] [--scale N] [--tokens FILE] [--data-dir DIR] [--metrics-port 15090] [--tracing-port 16686] [--ingress-http-port N] [--ingress-https-port N] [--no-traffic] [--api-latency-ms N]";

const integer = z.coerce.number().int().nonnegative();

export function parseFlags(argv: string[]): SimulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      kubeconfig: { type: "string" },
      scenario: { type: "string", multiple: true },
      state: { type: "string" },
      seed: { type: "string" },
      scale: { type: "string" },
      tokens: { type: "string" },
      "data-dir": { type: "string" },
      "metrics-port": { type: "string" },
      "tracing-port": { type: "string" },
      "ingress-http-port": { type: "string" },
      "ingress-https-port": { type: "string" },
      "no-traffic": { type: "boolean" },
      "api-latency-ms": { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const number = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const parsed = integer.safeParse(raw);
    if (!parsed.success) throw new Error(`--${name} must be a non-negative integer, got "${raw}"\n${USAGE}`);
    return parsed.data;
  };
  const options: SimulatorOptions = {};
  const port = number("port", values.port);
  const seed = number("seed", values.seed);
  const scale = number("scale", values.scale);
  const metricsPort = number("metrics-port", values["metrics-port"]);
  const tracingPort = number("tracing-port", values["tracing-port"]);
  const ingressHttpPort = number("ingress-http-port", values["ingress-http-port"]);
  const ingressHttpsPort = number("ingress-https-port", values["ingress-https-port"]);
  const apiLatencyMs = number("api-latency-ms", values["api-latency-ms"]);
  if (apiLatencyMs !== undefined) options.apiLatencyMs = apiLatencyMs;
  if (port !== undefined) options.port = port;
  if (seed !== undefined) options.seed = seed;
  if (scale !== undefined) options.scale = scale;
  if (values.kubeconfig) options.kubeconfigPath = values.kubeconfig;
  if (values.scenario) options.scenarioDirs = values.scenario;
  if (values.state) options.statePath = values.state;
  if (values.tokens) options.tokensPath = values.tokens;
  if (values["data-dir"]) options.dataDir = values["data-dir"];
  // The program serves traffic and metrics unless told not to; in-process starts opt in.
  if (!values["no-traffic"]) {
    options.metricsPort = metricsPort ?? DEFAULT_METRICS_PORT;
    // Jaeger's query port: the traces are the traffic's, so they come and go with it.
    options.tracingPort = tracingPort ?? DEFAULT_TRACING_PORT;
    // The ingress listens only when asked: a real port users curl, not one every start should take.
    if (ingressHttpPort !== undefined) options.ingressHttpPort = ingressHttpPort;
    if (ingressHttpsPort !== undefined) options.ingressHttpsPort = ingressHttpsPort;
  }
  return options;
}
