#!/usr/bin/env bash
# npm test: every check the project has, in order of cost; the first failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n=== %s\n' "$1"; }

step "typecheck"
npx next typegen >/dev/null
npx tsc --noEmit
step "format (Prettier, .prettierrc.json)"
npx prettier --check . --log-level warn
step "lint"
npx eslint --max-warnings 0 .
step "unit and component tests"
npx vitest run --project unit --project component
step "integration tests"
npx vitest run --project integration
step "production build"
npx next build
step "standalone server (the Dockerfile's runtime stage, run without a container engine)"
node --import tsx scripts/standalone/check-standalone-server.ts
step "end-to-end tests"
rm -rf .topsail/e2e
npx playwright test
