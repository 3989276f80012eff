#!/usr/bin/env bash
# npm run setup: installs everything Topsail needs, and only what is missing, so a second
# run is a no-op (under a second). System packages (Prometheus, Chromium, kubectl, and
# PostgreSQL, which the database tests start as a throwaway server) come from Debian; npm
# packages from package-lock.json; then both Prisma clients (SQLite, PostgreSQL) and the
# database migrations. `npm test` and `npm run demo` run it first (package.json), so a fresh clone
# needs only those two commands; scripts/fresh-clone.integration.test.ts checks that.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1

missing=()
[ -x /usr/bin/prometheus ] || command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
# initdb and pg_ctl live in a versioned folder, off the PATH (server/adapters/db/test-support).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing system packages. Run, then run npm run setup again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
else
  echo "setup: system packages present (prometheus, chromium, kubectl, postgresql)"
fi

# Installing rebuilds better-sqlite3 from source (about two minutes), so it runs only when
# the lockfile changed since the last successful setup: the stamp holds the lockfile's hash
# (package.json's own scripts or engines do not change what is installed). `npm install`
# rather than `npm ci`: npm 11 leaves other platforms' optional packages (@next/swc-*,
# tailwind oxide) out of the lockfile and `npm ci` then refuses it as out of sync
# (npm/cli#4828); `npm install` keeps to the locked versions all the same. `--prefer-offline`
# takes packages from the npm cache when it has them, the registry only for the rest.
stamp=node_modules/.topsail-setup-stamp
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
native=node_modules/better-sqlite3/build/Release/better_sqlite3.node
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ] && [ -f "$native" ]; then
  echo "setup: npm packages up to date"
else
  echo "setup: installing npm packages"
  npm install --no-audit --no-fund --prefer-offline
  # A native module whose install script was skipped fails only at run time: check now.
  node -e "new (require('better-sqlite3'))(':memory:').close()" || {
    echo "setup: better-sqlite3 did not build; check allowScripts in package.json" >&2
    exit 1
  }
  # Hashed again: the stamp must match the lockfile as the install left it.
  sha256sum package-lock.json | cut -d' ' -f1 >"$stamp"
fi

npm run --silent db:generate
npm run --silent db:migrate
echo "setup: done"
