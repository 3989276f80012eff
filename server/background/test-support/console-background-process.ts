/**
 * One console replica's background work on its own, as a child process a test can SIGKILL:
 * the same `startBackgroundServices()` the console's instrumentation.ts runs (leader election,
 * then the experiment runner and the audit watcher while leading), configured by the
 * environment only — DATABASE_URL, KUBECONFIG, TOPSAIL_PROMETHEUS_URL,
 * TOPSAIL_EXPERIMENT_TICK_MS, TOPSAIL_LEASE_NAMESPACE, TOPSAIL_LEASE_SECONDS.
 *
 *     node --conditions react-server --import tsx server/background/test-support/console-background-process.ts
 *
 * Prints "started", then "leading" / "standing by" as the election turns; SIGTERM stops it
 * cleanly (releasing the Lease).
 */
import { startBackgroundServices, stopBackgroundServices } from "../index";

await startBackgroundServices({
  onLeadership: (leading) => process.stdout.write(`${leading ? "leading" : "standing by"}\n`),
});
// Everything the services run on is unref'd so as never to keep a console alive on its own;
// here they are the whole process, so something has to.
const keepAlive = setInterval(() => undefined, 60_000);
process.once("SIGTERM", () => {
  clearInterval(keepAlive);
  void stopBackgroundServices().then(() => process.exit(0));
});
process.stdout.write("started\n");
