# Topsail's container image, built on Next.js's standalone output (next.config.ts):
#   docker build -t topsail:latest .
# Runs as a non-root user on a read-only root filesystem: it writes only to /tmp (the
# SQLite default below) and to .next/cache, both emptyDirs in deploy/base/deployment.yaml.
# scripts/check-standalone-server.ts runs the final stage's COPY lines and CMD on the build
# (npm test, after next build), since no container engine runs where the tests do.

# ---- dependencies: npm ci with install scripts (better-sqlite3's native module)
FROM node:22-bookworm-slim AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: the Prisma client (generated, not committed), then next build
FROM node:22-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npm run db:generate && npx next build

# ---- runtime: server.js and only the node_modules it traced
FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    HOME=/tmp \
    DATABASE_URL=file:/tmp/topsail.db
RUN groupadd --system --gid 10001 topsail && useradd --system --uid 10001 --gid topsail --home-dir /tmp topsail
COPY --from=build --chown=root:root /src/.next/standalone ./
COPY --from=build --chown=root:root /src/.next/static ./.next/static
COPY --from=build --chown=root:root /src/public ./public
USER 10001:10001
EXPOSE 3000
CMD ["node", "server.js"]
