#!/usr/bin/env bash
# Generates the Prisma client into server/adapters/db/generated, offline.
# PRISMA_SCHEMA_ENGINE_BINARY only has to name an existing file: generation never runs the
# engine, and the variable stops the CLI from trying to download one (no network here).
# Skips the ~2.5 s run when the schema and the Prisma version are those of the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

out=server/adapters/db/generated
stamp="$out/.generated-from"
want="$(cat prisma/schema.prisma prisma.config.ts node_modules/prisma/package.json | sha256sum | cut -d' ' -f1)"

if [[ "${1:-}" != "--force" && -f "$stamp" && -f "$out/client.ts" && "$(cat "$stamp")" == "$want" ]]; then
  echo "prisma client up to date ($out)"
  exit 0
fi

if ! log="$(PRISMA_SCHEMA_ENGINE_BINARY=/bin/false CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 \
  node_modules/.bin/prisma generate 2>&1)"; then
  echo "$log" >&2
  echo "prisma generate failed" >&2
  exit 1
fi
echo "$want" >"$stamp"
echo "generated prisma client ($out)"
