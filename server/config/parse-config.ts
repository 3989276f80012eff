/**
 * Topsail's configuration, read once from the environment and checked with zod, so a bad
 * value stops the console at start-up with one line that names the variable and the fix
 * instead of failing later on the first request. Pure: takes the environment as a record.
 *
 * Kubernetes access is deliberately not configured here: it is found exactly as kubectl
 * finds it (KUBECONFIG, ~/.kube/config, in-cluster service account) by the kube adapter.
 */
import { z } from "zod";

export const defaultPrometheusUrl = "http://127.0.0.1:9090";
export const defaultDatabaseUrl = "file:.topsail/topsail.db";

const httpUrl = (variable: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === "http:" || url.protocol === "https:";
      } catch {
        return false;
      }
    }, `${variable} must be an http:// or https:// URL, e.g. ${defaultPrometheusUrl}`);

const headerMap = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({
        code: "custom",
        message: 'TOPSAIL_PROMETHEUS_HEADERS must be a JSON object, e.g. {"X-Scope-OrgID":"tenant-1"}',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(z.string().regex(/^[A-Za-z0-9-]+$/, "header names are letters, digits and dashes"), z.string(), {
      error: 'TOPSAIL_PROMETHEUS_HEADERS must be a JSON object of string values, e.g. {"X-Scope-OrgID":"tenant-1"}',
    }),
  );

const port = (variable: string) =>
  z.coerce
    .number({ error: `${variable} must be a port number from 1 to 65535` })
    .int(`${variable} must be a whole number from 1 to 65535`)
    .min(1, `${variable} must be from 1 to 65535`)
    .max(65535, `${variable} must be from 1 to 65535`);

/** A duration in milliseconds from 100 ms (below that a timeout or a tick only burns CPU) to 5 minutes. */
const milliseconds = (variable: string, example: number) => {
  const range = `${variable} must be a whole number of milliseconds from 100 to 300000 (5 minutes), e.g. ${example}`;
  return z.coerce.number({ error: range }).int(range).min(100, range).max(300_000, range);
};

const onOff = (variable: string) => z.enum(["on", "off"], { error: `${variable} must be on or off` });

const databaseUrl = z
  .string()
  .trim()
  .refine(
    (value) => /^file:.+/.test(value) || /^postgres(ql)?:\/\/.+/.test(value),
    "DATABASE_URL must be file:<path> for SQLite or postgres://user:pass@host/db for PostgreSQL",
  );

const envSchema = z
  .object({
    TOPSAIL_PROMETHEUS_URL: httpUrl("TOPSAIL_PROMETHEUS_URL").default(defaultPrometheusUrl),
    TOPSAIL_PROMETHEUS_TOKEN: z.string().min(1).optional(),
    TOPSAIL_PROMETHEUS_USERNAME: z.string().min(1).optional(),
    TOPSAIL_PROMETHEUS_PASSWORD: z.string().optional(),
    TOPSAIL_PROMETHEUS_HEADERS: headerMap.optional(),
    TOPSAIL_PROMETHEUS_TIMEOUT_MS: milliseconds("TOPSAIL_PROMETHEUS_TIMEOUT_MS", 10_000).default(10_000),
    TOPSAIL_KUBE_CONTEXT: z.string().min(1).optional(),
    TOPSAIL_KUBE_TIMEOUT_MS: milliseconds("TOPSAIL_KUBE_TIMEOUT_MS", 10_000).default(10_000),
    DATABASE_URL: databaseUrl.default(defaultDatabaseUrl),
    PORT: port("PORT").default(3000),
    TOPSAIL_HOST: z.string().min(1).default("127.0.0.1"),
    TOPSAIL_EXPERIMENT_TICK_MS: milliseconds("TOPSAIL_EXPERIMENT_TICK_MS", 3000).default(3000),
    TOPSAIL_BACKGROUND: onOff("TOPSAIL_BACKGROUND").default("on"),
    TOPSAIL_LEASE_NAMESPACE: z
      .string()
      .regex(
        /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
        "TOPSAIL_LEASE_NAMESPACE must be a Kubernetes namespace name (lowercase letters, digits, dashes), e.g. topsail",
      )
      .default("default"),
    TOPSAIL_LEASE_SECONDS: z.coerce
      .number({ error: "TOPSAIL_LEASE_SECONDS must be a whole number of seconds from 3 to 300, e.g. 15" })
      .int("TOPSAIL_LEASE_SECONDS must be a whole number of seconds from 3 to 300, e.g. 15")
      .min(3, "TOPSAIL_LEASE_SECONDS must be a whole number of seconds from 3 to 300, e.g. 15")
      .max(300, "TOPSAIL_LEASE_SECONDS must be a whole number of seconds from 3 to 300, e.g. 15")
      .default(15),
    TOPSAIL_LOG_LEVEL: z
      .enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"], {
        error: "TOPSAIL_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent",
      })
      .default("info"),
    TOPSAIL_VIEW_ONLY: onOff("TOPSAIL_VIEW_ONLY").default("off"),
  })
  .superRefine((env, ctx) => {
    if (env.TOPSAIL_PROMETHEUS_TOKEN && env.TOPSAIL_PROMETHEUS_USERNAME) {
      ctx.addIssue({
        code: "custom",
        path: ["TOPSAIL_PROMETHEUS_TOKEN"],
        message:
          "TOPSAIL_PROMETHEUS_TOKEN and TOPSAIL_PROMETHEUS_USERNAME are both set: choose bearer token or basic auth, not both",
      });
    }
    if (env.TOPSAIL_PROMETHEUS_PASSWORD !== undefined && !env.TOPSAIL_PROMETHEUS_USERNAME) {
      ctx.addIssue({
        code: "custom",
        path: ["TOPSAIL_PROMETHEUS_PASSWORD"],
        message: "TOPSAIL_PROMETHEUS_PASSWORD is set without TOPSAIL_PROMETHEUS_USERNAME: set both for basic auth",
      });
    }
  });

export type PrometheusAuth =
  { kind: "none" } | { kind: "bearer"; token: string } | { kind: "basic"; username: string; password: string };

export interface TopsailConfig {
  prometheus: { url: string; auth: PrometheusAuth; headers: Record<string, string>; timeoutMs: number };
  /** `timeoutMs`: the deadline of every Kubernetes API call but watches. */
  kube: { context?: string; timeoutMs: number };
  databaseUrl: string;
  server: { port: number; host: string };
  /** How often the experiment runner advances running experiments. */
  experiments: { tickMs: number };
  /** False: start no background services (audit watcher, experiment runner) and take part in no election. */
  background: boolean;
  /** Where the replicas' leader-election Lease lives, and how long it stands without renewal. */
  leaseNamespace: string;
  leaseSeconds: number;
  /** The least severe level the JSON log writes. */
  logLevel: "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
  /** True: every write is refused (403 `view_only`), whoever asks — for read-only deployments. */
  viewOnly: boolean;
}

export type ConfigResult = { ok: true; config: TopsailConfig } | { ok: false; message: string };

/** Unset and empty variables are the same thing to a shell user: both mean "use the default". */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
  );
}

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    const message = issue?.message ?? "invalid value";
    const line = message.includes(variable) ? message : `${variable}: ${message}`;
    return { ok: false, message: `Invalid configuration: ${line}` };
  }
  const e = parsed.data;
  const auth: PrometheusAuth = e.TOPSAIL_PROMETHEUS_TOKEN
    ? { kind: "bearer", token: e.TOPSAIL_PROMETHEUS_TOKEN }
    : e.TOPSAIL_PROMETHEUS_USERNAME
      ? { kind: "basic", username: e.TOPSAIL_PROMETHEUS_USERNAME, password: e.TOPSAIL_PROMETHEUS_PASSWORD ?? "" }
      : { kind: "none" };
  return {
    ok: true,
    config: {
      prometheus: {
        url: e.TOPSAIL_PROMETHEUS_URL.replace(/\/+$/, ""),
        auth,
        headers: e.TOPSAIL_PROMETHEUS_HEADERS ?? {},
        timeoutMs: e.TOPSAIL_PROMETHEUS_TIMEOUT_MS,
      },
      kube: { context: e.TOPSAIL_KUBE_CONTEXT, timeoutMs: e.TOPSAIL_KUBE_TIMEOUT_MS },
      databaseUrl: e.DATABASE_URL,
      server: { port: e.PORT, host: e.TOPSAIL_HOST },
      experiments: { tickMs: e.TOPSAIL_EXPERIMENT_TICK_MS },
      background: e.TOPSAIL_BACKGROUND === "on",
      leaseNamespace: e.TOPSAIL_LEASE_NAMESPACE,
      leaseSeconds: e.TOPSAIL_LEASE_SECONDS,
      logLevel: e.TOPSAIL_LOG_LEVEL,
      viewOnly: e.TOPSAIL_VIEW_ONLY === "on",
    },
  };
}
