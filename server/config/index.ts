/**
 * server/config: the console's configuration, parsed once per process from the
 * environment. The start script checks it before Next.js starts, so by the time a request
 * reaches this module the environment is known to be valid.
 */
import "server-only";
import { TopsailError } from "@/server/errors";
import { parseConfig, type TopsailConfig } from "./parse-config";

let cached: TopsailConfig | undefined;

export function getConfig(): TopsailConfig {
  if (cached) return cached;
  const result = parseConfig(process.env);
  if (!result.ok) throw new TopsailError("config", result.message);
  cached = result.config;
  return cached;
}

export type { TopsailConfig, PrometheusAuth, AuthSettings, OpenIdSettings, AuthStrategyName } from "./parse-config";
