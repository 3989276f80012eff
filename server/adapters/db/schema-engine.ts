/**
 * Loads Prisma's schema engine compiled to WebAssembly. The Prisma CLI only drives the native
 * engine, which these machines cannot download; the wasm build runs migrations through a
 * driver adapter instead, so nothing is fetched and nothing native is needed beyond the
 * database driver itself.
 *
 * The package's own entry imports the .wasm file as an ES module, which Node only allows
 * behind an experimental flag; so the JS glue is imported and the module instantiated by hand.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type {
  ApplyMigrationsInput,
  ApplyMigrationsOutput,
  DiagnoseMigrationHistoryInput,
  DiagnoseMigrationHistoryOutput,
  DiffParams,
  DiffResult,
} from "@prisma/schema-engine-wasm/schema_engine_bg";

/** The part of the engine Topsail uses. */
export interface MigrationEngine {
  applyMigrations(input: ApplyMigrationsInput): Promise<ApplyMigrationsOutput>;
  diff(params: DiffParams): Promise<DiffResult>;
  diagnoseMigrationHistory(input: DiagnoseMigrationHistoryInput): Promise<DiagnoseMigrationHistoryOutput>;
  free(): void;
}

interface EngineGlue {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: {
    new: (
      options: { datamodels: [string, string][] | undefined },
      log: (message: string) => void,
      adapter: object,
    ) => Promise<MigrationEngine>;
  };
}

const packageName = "@prisma/schema-engine-wasm";
let gluePromise: Promise<EngineGlue> | undefined;

// A wasm-bindgen module keeps its state in module globals, so it is instantiated once per process.
function loadGlue(): Promise<EngineGlue> {
  gluePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath: unknown = require.resolve(`${packageName}/schema_engine_bg`);
    // In Next's server bundle require.resolve answers a module id, not a path; the server then
    // runs with its standalone directory as working directory, whose node_modules holds the
    // traced package (scripts/standalone/check-standalone-server.ts runs it so).
    const packageDir =
      typeof gluePath === "string" ? path.dirname(gluePath) : path.join(process.cwd(), "node_modules", packageName);
    const glue = (await import(`${packageName}/schema_engine_bg`)) as unknown as EngineGlue;
    const bytes = await readFile(path.join(packageDir, "schema_engine_bg.wasm"));
    const compiled = await WebAssembly.compile(bytes);
    const instance = new WebAssembly.Instance(compiled, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return gluePromise;
}

export interface SchemaFileContent {
  path: string;
  content: string;
}

export interface OpenedMigrationEngine {
  engine: MigrationEngine;
  /**
   * The engine reports a driver failure only as "External error id#N"; the driver's own
   * error (the SQL message a user can act on) waits in the binder's registry under that id.
   */
  explainError(error: unknown): string;
}

export async function openMigrationEngine(
  schema: SchemaFileContent,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: (message: string) => void = () => {},
): Promise<OpenedMigrationEngine> {
  const glue = await loadGlue();
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  const engine = await glue.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, bound);
  const explainError = (error: unknown): string => {
    const text = errorText(error);
    const id = /External error id#(\d+)/.exec(text)?.[1];
    const external: unknown = id === undefined ? undefined : bound.errorRegistry.consumeError(Number(id))?.error;
    // Only the engine's first line is for people; the rest is a Rust span trace.
    const headline = text.split("\n")[0]?.trim() ?? text;
    return external === undefined ? headline : `${headline} ${errorText(external)}`;
  };
  return { engine, explainError };
}

// The engine and drivers reject with Errors, strings or `{ message }` / `{ kind }` objects.
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null) {
    if ("message" in error && typeof error.message === "string") return error.message;
    return JSON.stringify(error);
  }
  return String(error);
}
