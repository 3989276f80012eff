import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// "server-only" throws outside a React Server Components bundle; under Vitest the
// server modules run in plain Node, which is exactly where they are allowed.
const alias = {
  "@/": root,
  "server-only": fileURLToPath(new URL("./scripts/vitest-server-only.ts", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,server,sim,components,scripts}/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        // Render tests of React components (Testing Library in jsdom): what a user sees and does in a form.
        esbuild: { jsx: "automatic" },
        test: {
          name: "component",
          include: ["components/**/*.test.tsx"],
          environment: "jsdom",
          setupFiles: ["components/test-support/jsdom-setup.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["{lib,server,sim,scripts,tests,deploy}/**/*.integration.test.ts"],
          setupFiles: ["server/adapters/kube/test-support/stop-cluster-caches.ts"],
          // The console's JSON log (a line per request and per write) would bury the test output.
          env: { TOPSAIL_LOG_LEVEL: "warn" },
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Integration suites start real servers (simulator, Prometheus); on two cores,
          // running them one file at a time keeps timings honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
