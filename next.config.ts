import type { NextConfig } from "next";
import { securityHeaders } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  // .next/standalone: a server.js with only the node_modules it needs, what the Dockerfile ships.
  // `npm start` (next start) keeps working on the same build; Next prints a warning that it
  // expects the standalone server there, which scripts/start-console.ts does not use.
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and Node-only packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: [
    "better-sqlite3",
    "@kubernetes/client-node",
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    // The graph's layout engine (POST /api/graph/layout), loaded once from node_modules. Bundled,
    // ELK ran ~30% slower (~240 against ~175 ms on bench/graph-first-paint.bench.ts's 500 nodes),
    // and each bundle (instrumentation.ts, the route handlers) had its own copy of its code, so
    // the warm-up at start (server/graph/warm-up-layout.ts) would not warm the one the route runs.
    "elkjs",
  ],
  async headers() {
    return [{ source: "/:path*", headers: [...securityHeaders] }];
  },
};

export default nextConfig;
