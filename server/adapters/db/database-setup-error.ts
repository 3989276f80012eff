/**
 * The database could not be configured, opened or migrated. A plain Error subclass on purpose:
 * the migration modules also run from scripts (tsx), where server/errors.ts — marked
 * "server-only" — cannot be imported. client.ts turns it into a DbError for the server.
 */
export class DatabaseSetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DatabaseSetupError";
  }
}
