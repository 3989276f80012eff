#!/usr/bin/env bash
# Generates both Prisma clients, offline: SQLite's into server/adapters/db/generated (the one the
# code is typed against) and PostgreSQL's into server/adapters/db/generated-postgresql
# (server/adapters/db/client.ts picks one by DATABASE_URL).
# PRISMA_SCHEMA_ENGINE_BINARY only has to name an existing file: generation never runs the
# engine, and the variable stops the CLI from trying to download one (no network here).
# Skips the ~5 s run when the schemas and the Prisma version are those of the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

schemas=(prisma/schema.prisma prisma/postgresql/schema.prisma)
outputs=(server/adapters/db/generated server/adapters/db/generated-postgresql)
stamp="${outputs[0]}/.generated-from"
want="$(cat "${schemas[@]}" prisma.config.ts node_modules/prisma/package.json | sha256sum | cut -d' ' -f1)"

if [[ "${1:-}" != "--force" && -f "$stamp" && -f "${outputs[0]}/client.ts" && -f "${outputs[1]}/client.ts" &&
  "$(cat "$stamp")" == "$want" ]]; then
  echo "prisma clients up to date (${outputs[*]})"
  exit 0
fi

for schema in "${schemas[@]}"; do
  if ! log="$(PRISMA_SCHEMA_ENGINE_BINARY=/bin/false CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 \
    node_modules/.bin/prisma generate --schema "$schema" 2>&1)"; then
    echo "$log" >&2
    echo "prisma generate failed for $schema" >&2
    exit 1
  fi
done
echo "$want" >"$stamp"
echo "generated prisma clients (${outputs[*]})"
