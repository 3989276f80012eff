/**
 * Fits a driver adapter factory to the wasm schema engine, fixing two gaps seen with
 * Prisma 7.10 on SQLite:
 *
 * - Connections: `SchemaEngine.free()` does not close the connections the engine opened, and
 *   the engine's SQLite connection keeps its lock, so a Prisma client in the same process got
 *   "database is locked". Every connection is tracked and closed by `disposeConnections`.
 * - Shadow database: to diff the migrations folder against the schema, the engine replays each
 *   migration.sql on the shadow connection through `executeRaw`, but better-sqlite3 prepares
 *   one statement at a time and rejects a multi-statement script. A parameterless `executeRaw`
 *   on the shadow is always such a script, so it goes to `executeScript` (sqlite3_exec).
 * - Partial indexes: to read one back, the engine asks
 *   `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = "<index>"`, a double-quoted
 *   string literal that better-sqlite3 (built without SQLite's double-quoted-string fallback)
 *   reads as a column: "no such column". That one query gets a single-quoted literal instead.
 */
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export interface EngineAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  disposeConnections(): Promise<void>;
}

export function prepareEngineAdapter(factory: SqlMigrationAwareDriverAdapterFactory): EngineAdapter {
  const open: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    open.push(adapter);
    return adapter;
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => quoteIndexNames(track(await factory.connect())),
      connectToShadowDb: async () => replayScripts(quoteIndexNames(track(await factory.connectToShadowDb()))),
    },
    async disposeConnections() {
      // Disposing twice is harmless for both adapters; the engine may have closed some already.
      await Promise.allSettled(open.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

function replayScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return {
    ...forward(adapter),
    executeRaw: async (query) => {
      if (query.args.length > 0) return adapter.executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    },
  };
}

const indexSqlQuery = /^(SELECT sql FROM sqlite_master WHERE type = 'index' AND name = )"((?:[^"]|"")*)";?$/;

function quoteIndexNames(adapter: SqlDriverAdapter): SqlDriverAdapter {
  if (adapter.provider !== "sqlite") return adapter;
  return {
    ...forward(adapter),
    queryRaw: (query) => {
      const match = indexSqlQuery.exec(query.sql.trim());
      if (!match) return adapter.queryRaw(query);
      const name = (match[2] ?? "").replaceAll('""', '"').replaceAll("'", "''");
      return adapter.queryRaw({ ...query, sql: `${match[1]}'${name}'` });
    },
  };
}

/** Every method of `adapter`, bound to it (a spread would lose the class's prototype methods). */
function forward(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const getConnectionInfo = adapter.getConnectionInfo?.bind(adapter);
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    executeScript: (script) => adapter.executeScript(script),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    dispose: () => adapter.dispose(),
    ...(getConnectionInfo ? { getConnectionInfo } : {}),
  };
}
