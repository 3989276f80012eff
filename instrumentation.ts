/**
 * Runs once when the Node.js server starts: applies pending database migrations (the
 * container runs `node server.js` with no start script before it, see Dockerfile), then the
 * console's background services (the config-change watcher that completes the audit history,
 * the experiment runner). They live in the server process, not in the browser, so they keep
 * working with no page open.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The container runs `node server.js` with no start script before it: a bad configuration
  // (e.g. TOPSAIL_HOST=0.0.0.0 without a sign-in strategy) stops the server here, with its
  // one line, as scripts/start-console.ts does for `npm start`.
  const { parseConfig } = await import("./server/config/parse-config");
  const config = parseConfig(process.env);
  if (!config.ok) {
    console.error(config.message);
    process.exit(1);
  }
  const { ensureDatabaseMigrated } = await import("./server/adapters/db/client");
  try {
    const { applied } = await ensureDatabaseMigrated();
    if (applied.length > 0) console.log(`Applied database migrations: ${applied.join(", ")}`);
  } catch (error) {
    // Not fatal: /api/ready answers 503 with the reason until the database is fixed, and the
    // pages say what is wrong, which a crash loop would not.
    console.error(error instanceof Error ? error.message : String(error));
  }
  const { startBackgroundServices } = await import("./server/background");
  await startBackgroundServices();
  const { startLayoutWarmUp } = await import("./server/graph/warm-up-layout");
  startLayoutWarmUp();
}
