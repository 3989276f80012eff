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
  ],
  async headers() {
    return [{ source: "/:path*", headers: [...securityHeaders] }];
  },
};

export default nextConfig;
