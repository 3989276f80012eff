/**
 * The console's experiment runner on its own, as a child process the crash test can SIGKILL:
 * the same `getExperimentRunner()` the console's background service starts
 * (server/background/services.ts), configured by the environment only — DATABASE_URL,
 * KUBECONFIG, TOPSAIL_PROMETHEUS_URL, TOPSAIL_EXPERIMENT_TICK_MS.
 *
 *     node --conditions react-server --import tsx server/experiments/test-support/runner-process.ts
 *
 * (`server-only` resolves only under the react-server condition, as in scripts/bench-all.sh.)
 * Prints "ready" once the runner has started; SIGTERM stops it after its current tick.
 */
import { getExperimentRunner } from "../index";

const runner = getExperimentRunner();
runner.start();
// The runner's timer is unref'd so that it never keeps a console alive on its own; here the
// runner is the whole process, so something has to.
const keepAlive = setInterval(() => undefined, 60_000);
process.once("SIGTERM", () => {
  clearInterval(keepAlive);
  void runner.stop().then(() => process.exit(0));
});
process.stdout.write(`ready ${runner.owner}\n`);
