import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive Debian's Chromium (no browser download here) against the
 * production build started by `npm start`. Ports are fixed per server so the config stays
 * simple; all of them bind 127.0.0.1 and Playwright stops them at the end.
 */
const disconnectedPort = 3210;
// The connected console talks to the simulator and to a real Prometheus scraping it.
const connectedPort = 3211;
// A console with the token strategy on the same simulator, whose demo users have tokens.
const signInPort = 3212;
// A console with the openid strategy, acting by impersonation, and its identity provider.
const openIdPort = 3213;
const identityProviderPort = 3214;
const simApiPort = 18190;
const simMetricsPort = 15190;
const simTracingPort = 16786;
const prometheusPort = 19190;
const e2eState = ".topsail/e2e";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.TOPSAIL_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      name: "disconnected",
      testMatch: "disconnected/**/*.spec.ts",
      use: { baseURL: `http://127.0.0.1:${disconnectedPort}` },
    },
    {
      name: "connected",
      testMatch: "connected/**/*.spec.ts",
      use: { baseURL: `http://127.0.0.1:${connectedPort}` },
    },
    {
      name: "sign-in",
      testMatch: "sign-in/**/*.spec.ts",
      use: { baseURL: `http://127.0.0.1:${signInPort}` },
    },
    {
      name: "openid",
      testMatch: "openid/**/*.spec.ts",
      use: { baseURL: `http://127.0.0.1:${openIdPort}` },
    },
  ],
  webServer: [
    {
      // A console with no cluster, no Prometheus: what a new user sees first.
      command: "node --import tsx scripts/start-console.ts",
      url: `http://127.0.0.1:${disconnectedPort}/api/status`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(disconnectedPort),
        HOME: "/tmp/topsail-e2e-home-without-kubeconfig",
        KUBECONFIG: "",
        TOPSAIL_PROMETHEUS_URL: "http://127.0.0.1:1",
        DATABASE_URL: "file:.topsail/e2e/disconnected.db",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      command: `node --import tsx sim/cli/main.ts --port ${simApiPort} --metrics-port ${simMetricsPort} --tracing-port ${simTracingPort} --kubeconfig ${e2eState}/kubeconfig --data-dir ${e2eState}/sim --tokens sim/scenarios/demo-tokens.csv`,
      url: `https://127.0.0.1:${simApiPort}/healthz`,
      ignoreHTTPSErrors: true,
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: `node --import tsx scripts/prometheus/main.ts --port ${prometheusPort} --target 127.0.0.1:${simMetricsPort} --data ${e2eState}/prometheus`,
      url: `http://127.0.0.1:${prometheusPort}/-/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: "node --import tsx scripts/start-console.ts",
      url: `http://127.0.0.1:${connectedPort}/api/status`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(connectedPort),
        KUBECONFIG: `${e2eState}/kubeconfig`,
        TOPSAIL_PROMETHEUS_URL: `http://127.0.0.1:${prometheusPort}`,
        TOPSAIL_TRACING_URL: `http://127.0.0.1:${simTracingPort}/jaeger`,
        DATABASE_URL: `file:${e2eState}/connected.db`,
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      command: "node --import tsx scripts/start-console.ts",
      url: `http://127.0.0.1:${signInPort}/api/auth/session`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(signInPort),
        KUBECONFIG: `${e2eState}/kubeconfig`,
        TOPSAIL_PROMETHEUS_URL: `http://127.0.0.1:${prometheusPort}`,
        TOPSAIL_TRACING_URL: `http://127.0.0.1:${simTracingPort}/jaeger`,
        DATABASE_URL: `file:${e2eState}/sign-in.db`,
        TOPSAIL_AUTH_STRATEGY: "token",
        TOPSAIL_SESSION_SECRET: "e2e-only-session-secret-of-32-characters",
        TOPSAIL_BACKGROUND: "off",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
    {
      command: `node --import tsx e2e/servers/identity-provider.ts ${identityProviderPort} http://127.0.0.1:${openIdPort}`,
      url: `http://127.0.0.1:${identityProviderPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: "node --import tsx scripts/start-console.ts",
      url: `http://127.0.0.1:${openIdPort}/api/auth/session`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(openIdPort),
        KUBECONFIG: `${e2eState}/kubeconfig`,
        // The console's own service account (sim/scenarios/demo-tokens.csv), allowed to impersonate.
        TOPSAIL_KUBE_CONTEXT: "system:serviceaccount:topsail:topsail@topsail-sim",
        TOPSAIL_PROMETHEUS_URL: `http://127.0.0.1:${prometheusPort}`,
        TOPSAIL_TRACING_URL: `http://127.0.0.1:${simTracingPort}/jaeger`,
        DATABASE_URL: `file:${e2eState}/openid.db`,
        TOPSAIL_AUTH_STRATEGY: "openid",
        TOPSAIL_SESSION_SECRET: "e2e-only-session-secret-of-32-characters",
        TOPSAIL_OIDC_ISSUER: `http://127.0.0.1:${identityProviderPort}`,
        TOPSAIL_OIDC_CLIENT_ID: "topsail-e2e",
        TOPSAIL_OIDC_CLIENT_SECRET: "topsail-e2e-client-secret",
        TOPSAIL_OIDC_SCOPES: "openid groups",
        TOPSAIL_PUBLIC_URL: `http://127.0.0.1:${openIdPort}`,
        TOPSAIL_BACKGROUND: "off",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
