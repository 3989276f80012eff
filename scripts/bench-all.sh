#!/usr/bin/env bash
# npm run bench: every performance script in bench/, one after another; each prints its own
# figures and asserts nothing (targets are read by people, not enforced by tests).
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
status=0
for bench in bench/*.bench.ts; do
  printf '\n=== %s\n' "$bench"
  # The graph and console modules import "server-only", which resolves only under the
  # react-server condition (as in Next's server bundle).
  npx tsx --conditions=react-server "$bench" || { echo "bench failed: $bench"; status=1; }
done
exit $status
