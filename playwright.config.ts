import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive Debian's Chromium (no browser download here) against the
 * production build started by `npm start`. Ports are fixed per server so the config stays
 * simple; all of them bind 127.0.0.1 and Playwright stops them at the end.
 */
const disconnectedPort = 3210;

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
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
    },
  },
  projects: [
    {
      name: "disconnected",
      testMatch: "disconnected/**/*.spec.ts",
      use: { baseURL: `http://127.0.0.1:${disconnectedPort}` },
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
  ],
});
