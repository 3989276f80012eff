/**
 * Runs once when the Node.js server starts: the console's background services (the
 * config-change watcher that completes the audit history, the experiment runner). They live
 * in the server process, not in the browser, so they keep working with no page open.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundServices } = await import("./server/background");
  await startBackgroundServices();
}
