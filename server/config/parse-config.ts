/**
 * Topsail's configuration, read once from the environment and checked with zod, so a bad
 * value stops the console at start-up with one line that names the variable and the fix
 * instead of failing later on the first request. Pure: takes the environment as a record.
 *
 * Kubernetes access is deliberately not configured here: it is found exactly as kubectl
 * finds it (KUBECONFIG, ~/.kube/config, in-cluster service account) by the kube adapter.
 */
import { z } from "zod";
import { parseLabelMatchers, type LabelMatcher } from "@/lib/promql-label-matchers";

export const defaultPrometheusUrl = "http://127.0.0.1:9090";
export const defaultDatabaseUrl = "file:.topsail/topsail.db";
export const exampleTracingUrl = "http://127.0.0.1:16686/jaeger";
/** Not a setting: a trace search is one request, so the Prometheus-like default deadline serves it. */
export const tracingTimeoutMs = 10_000;

const httpUrl = (variable: string, example = defaultPrometheusUrl) =>
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
    }, `${variable} must be an http:// or https:// URL, e.g. ${example}`);

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

const queryScope = z.string().transform((text, ctx) => {
  const matchers = parseLabelMatchers(text);
  if (!matchers) {
    ctx.addIssue({
      code: "custom",
      message:
        'TOPSAIL_PROMETHEUS_QUERY_SCOPE must be comma-separated PromQL label matchers, e.g. mesh_id="mesh1" or mesh_id="mesh1",cluster=~"east-.*"',
    });
    return z.NEVER;
  }
  return matchers;
});

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

/** The names a browser on this machine uses for a console bound to loopback; any port. */
export const defaultAllowedHosts = ["localhost", "127.0.0.1", "[::1]"];

/** One entry of TOPSAIL_ALLOWED_HOSTS: a host name or IP (IPv6 in brackets), optionally `:port`. */
const hostEntry = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$/;

const allowedHosts = z
  .string()
  .transform((text) =>
    text
      .split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine(
    (entries) => entries.length > 0 && entries.every((entry) => hostEntry.test(entry)),
    "TOPSAIL_ALLOWED_HOSTS must be a comma-separated list of host or host:port, e.g. topsail.example.com,10.0.0.5:3000",
  );

/** An IPv4 or IPv6 address, optionally with a /prefix length. */
const addressEntry = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(?:\/\d{1,3})?$/;

const proxyAddresses = z
  .string()
  .transform((text) =>
    text
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine(
    (entries) => entries.length > 0 && entries.every((entry) => addressEntry.test(entry)),
    "TOPSAIL_AUTH_PROXY_ADDRESSES must be a comma-separated list of IP addresses or CIDR ranges, e.g. 10.0.0.7,10.1.0.0/16",
  );

const headerName = (variable: string, example: string) =>
  z.string().regex(/^[A-Za-z0-9-]+$/, `${variable} must be an HTTP header name, e.g. ${example}`);

const claimName = (variable: string, example: string) =>
  z.string().regex(/^[A-Za-z0-9_:./-]+$/, `${variable} must be the name of an ID token claim, e.g. ${example}`);

export const authStrategies = ["anonymous", "token", "openid", "header"] as const;

/** Loopback binds: the only ones where anonymous access reaches nobody but this machine's users. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

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
    TOPSAIL_PROMETHEUS_QUERY_SCOPE: queryScope.optional(),
    TOPSAIL_TRACING_URL: httpUrl("TOPSAIL_TRACING_URL", exampleTracingUrl).optional(),
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
    TOPSAIL_AUTH_STRATEGY: z
      .enum(authStrategies, { error: "TOPSAIL_AUTH_STRATEGY must be anonymous, token, openid or header" })
      .default("anonymous"),
    TOPSAIL_SESSION_SECRET: z
      .string()
      .min(32, "TOPSAIL_SESSION_SECRET must be at least 32 characters, e.g. the output of `openssl rand -base64 32`")
      .optional(),
    TOPSAIL_SESSION_HOURS: z.coerce
      .number({ error: "TOPSAIL_SESSION_HOURS must be a whole number of hours from 1 to 720, e.g. 8" })
      .int("TOPSAIL_SESSION_HOURS must be a whole number of hours from 1 to 720, e.g. 8")
      .min(1, "TOPSAIL_SESSION_HOURS must be a whole number of hours from 1 to 720, e.g. 8")
      .max(720, "TOPSAIL_SESSION_HOURS must be a whole number of hours from 1 to 720, e.g. 8")
      .default(8),
    TOPSAIL_ALLOWED_HOSTS: allowedHosts.optional(),
    TOPSAIL_PUBLIC_URL: httpUrl("TOPSAIL_PUBLIC_URL").optional(),
    TOPSAIL_OIDC_ISSUER: httpUrl("TOPSAIL_OIDC_ISSUER").optional(),
    TOPSAIL_OIDC_CLIENT_ID: z.string().min(1).optional(),
    TOPSAIL_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    TOPSAIL_OIDC_SCOPES: z
      .string()
      .refine(
        (value) => value.split(/\s+/).includes("openid") && /^[\x21\x23-\x5b\x5d-\x7e ]+$/.test(value),
        'TOPSAIL_OIDC_SCOPES must be space-separated scopes including openid, e.g. "openid profile email groups"',
      )
      .default("openid profile email"),
    TOPSAIL_OIDC_USERNAME_CLAIM: claimName("TOPSAIL_OIDC_USERNAME_CLAIM", "sub or email").default("sub"),
    TOPSAIL_OIDC_GROUPS_CLAIM: claimName("TOPSAIL_OIDC_GROUPS_CLAIM", "groups").default("groups"),
    TOPSAIL_OIDC_KUBE: z
      .enum(["impersonate", "id-token"], { error: "TOPSAIL_OIDC_KUBE must be impersonate or id-token" })
      .default("impersonate"),
    TOPSAIL_AUTH_PROXY_ADDRESSES: proxyAddresses.optional(),
    TOPSAIL_AUTH_USER_HEADER: headerName("TOPSAIL_AUTH_USER_HEADER", "X-Forwarded-User").default("X-Forwarded-User"),
    TOPSAIL_AUTH_GROUPS_HEADER: headerName("TOPSAIL_AUTH_GROUPS_HEADER", "X-Forwarded-Groups").default(
      "X-Forwarded-Groups",
    ),
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
    for (const [variable, message] of missingAuthSettings(env))
      ctx.addIssue({ code: "custom", path: [variable], message });
  });

/** What a strategy cannot start without, as [setting, one-line message] pairs. */
function missingAuthSettings(env: {
  TOPSAIL_AUTH_STRATEGY: (typeof authStrategies)[number];
  TOPSAIL_HOST: string;
  TOPSAIL_SESSION_SECRET?: string;
  TOPSAIL_OIDC_ISSUER?: string;
  TOPSAIL_OIDC_CLIENT_ID?: string;
  TOPSAIL_PUBLIC_URL?: string;
  TOPSAIL_AUTH_PROXY_ADDRESSES?: string[];
}): [string, string][] {
  const strategy = env.TOPSAIL_AUTH_STRATEGY;
  const missing: [string, string][] = [];
  if (strategy === "anonymous" && !isLoopbackHost(env.TOPSAIL_HOST)) {
    missing.push([
      "TOPSAIL_AUTH_STRATEGY",
      `TOPSAIL_AUTH_STRATEGY is anonymous but TOPSAIL_HOST=${env.TOPSAIL_HOST} serves other machines: set TOPSAIL_AUTH_STRATEGY to token, openid or header, or bind 127.0.0.1`,
    ]);
  }
  if ((strategy === "token" || strategy === "openid") && !env.TOPSAIL_SESSION_SECRET) {
    missing.push([
      "TOPSAIL_SESSION_SECRET",
      `TOPSAIL_SESSION_SECRET is required for TOPSAIL_AUTH_STRATEGY=${strategy}: set it to 32 or more random characters, e.g. \`openssl rand -base64 32\``,
    ]);
  }
  if (strategy === "openid") {
    const needed = [
      ["TOPSAIL_OIDC_ISSUER", env.TOPSAIL_OIDC_ISSUER, "the provider's issuer URL, e.g. https://dex.example.com"],
      ["TOPSAIL_OIDC_CLIENT_ID", env.TOPSAIL_OIDC_CLIENT_ID, "the client ID registered with the provider"],
      ["TOPSAIL_PUBLIC_URL", env.TOPSAIL_PUBLIC_URL, "the console's external URL, e.g. https://topsail.example.com"],
    ] as const;
    for (const [variable, value, what] of needed) {
      if (!value)
        missing.push([variable, `${variable} is required for TOPSAIL_AUTH_STRATEGY=openid: set it to ${what}`]);
    }
  }
  if (strategy === "header" && !env.TOPSAIL_AUTH_PROXY_ADDRESSES) {
    missing.push([
      "TOPSAIL_AUTH_PROXY_ADDRESSES",
      "TOPSAIL_AUTH_PROXY_ADDRESSES is required for TOPSAIL_AUTH_STRATEGY=header: set it to the reverse proxy's addresses, e.g. 10.0.0.7 or 10.1.0.0/16",
    ]);
  }
  return missing;
}

export type PrometheusAuth =
  { kind: "none" } | { kind: "bearer"; token: string } | { kind: "basic"; username: string; password: string };

export type AuthStrategyName = (typeof authStrategies)[number];

export interface OpenIdSettings {
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only). */
  clientSecret?: string;
  scopes: string;
  usernameClaim: string;
  groupsClaim: string;
  /** How the console acts for the user: its own identity with Impersonate-* headers, or the ID token as bearer. */
  kube: "impersonate" | "id-token";
}

export interface AuthSettings {
  strategy: AuthStrategyName;
  /** Seals the session cookie; set for token and openid. */
  sessionSecret?: string;
  sessionHours: number;
  /** Host header values the console answers to: `name` (any port) or `name:port`, lower case. */
  allowedHosts: string[];
  /** The console's external URL, without a trailing slash. */
  publicUrl?: string;
  openid?: OpenIdSettings;
  header: { proxyAddresses: string[]; userHeader: string; groupsHeader: string };
}

export interface TopsailConfig {
  prometheus: {
    url: string;
    auth: PrometheusAuth;
    headers: Record<string, string>;
    timeoutMs: number;
    /** Label matchers added to every PromQL selector (a Prometheus shared by several meshes). */
    queryScope: LabelMatcher[];
  };
  /** The Jaeger query API's base URL (without a trailing slash); absent: tracing is off. */
  tracing: { url?: string; timeoutMs: number };
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
  auth: AuthSettings;
}

export type ConfigResult = { ok: true; config: TopsailConfig } | { ok: false; message: string };

/** Unset and empty variables are the same thing to a shell user: both mean "use the default". */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
  );
}

/**
 * The allow-list: the configured one, else the loopback names; plus the public URL's host and
 * a specific bind address, which are names the console is reached by and no DNS rebinding
 * can borrow (an attacker's page needs a host name of the attacker's own).
 */
function hostsAllowed(e: z.infer<typeof envSchema>): string[] {
  const hosts = [...(e.TOPSAIL_ALLOWED_HOSTS ?? defaultAllowedHosts)];
  if (e.TOPSAIL_PUBLIC_URL) hosts.push(new URL(e.TOPSAIL_PUBLIC_URL).host);
  const bind = e.TOPSAIL_HOST.toLowerCase();
  if (!["0.0.0.0", "::", "[::]"].includes(bind))
    hosts.push(bind.includes(":") && !bind.startsWith("[") ? `[${bind}]` : bind);
  return [...new Set(hosts)];
}

function authSettings(e: z.infer<typeof envSchema>): AuthSettings {
  return {
    strategy: e.TOPSAIL_AUTH_STRATEGY,
    sessionSecret: e.TOPSAIL_SESSION_SECRET,
    sessionHours: e.TOPSAIL_SESSION_HOURS,
    allowedHosts: hostsAllowed(e),
    publicUrl: e.TOPSAIL_PUBLIC_URL?.replace(/\/+$/, ""),
    openid:
      e.TOPSAIL_OIDC_ISSUER && e.TOPSAIL_OIDC_CLIENT_ID
        ? {
            issuer: e.TOPSAIL_OIDC_ISSUER,
            clientId: e.TOPSAIL_OIDC_CLIENT_ID,
            clientSecret: e.TOPSAIL_OIDC_CLIENT_SECRET,
            scopes: e.TOPSAIL_OIDC_SCOPES,
            usernameClaim: e.TOPSAIL_OIDC_USERNAME_CLAIM,
            groupsClaim: e.TOPSAIL_OIDC_GROUPS_CLAIM,
            kube: e.TOPSAIL_OIDC_KUBE,
          }
        : undefined,
    header: {
      proxyAddresses: e.TOPSAIL_AUTH_PROXY_ADDRESSES ?? [],
      userHeader: e.TOPSAIL_AUTH_USER_HEADER,
      groupsHeader: e.TOPSAIL_AUTH_GROUPS_HEADER,
    },
  };
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
        queryScope: e.TOPSAIL_PROMETHEUS_QUERY_SCOPE ?? [],
      },
      tracing: { url: e.TOPSAIL_TRACING_URL?.replace(/\/+$/, ""), timeoutMs: tracingTimeoutMs },
      kube: { context: e.TOPSAIL_KUBE_CONTEXT, timeoutMs: e.TOPSAIL_KUBE_TIMEOUT_MS },
      databaseUrl: e.DATABASE_URL,
      server: { port: e.PORT, host: e.TOPSAIL_HOST },
      experiments: { tickMs: e.TOPSAIL_EXPERIMENT_TICK_MS },
      background: e.TOPSAIL_BACKGROUND === "on",
      leaseNamespace: e.TOPSAIL_LEASE_NAMESPACE,
      leaseSeconds: e.TOPSAIL_LEASE_SECONDS,
      logLevel: e.TOPSAIL_LOG_LEVEL,
      viewOnly: e.TOPSAIL_VIEW_ONLY === "on",
      auth: authSettings(e),
    },
  };
}
