/** `npm run sim`: start the simulator, print one `ready` line, stop cleanly on SIGINT/SIGTERM. */
import { parseFlags } from "./parse-flags";
import { startSimulator } from "../index";

async function main(): Promise<void> {
  let options;
  try {
    options = parseFlags(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  }
  const sim = await startSimulator(options);
  const metrics = sim.mesh ? `, Istio metrics at ${sim.mesh.metricsUrl}` : "";
  const traces = sim.mesh?.tracingUrl ? `, Jaeger query API at ${sim.mesh.tracingUrl}` : "";
  const ingress = [sim.mesh?.ingressHttpUrl, sim.mesh?.ingressHttpsUrl].filter((u) => u !== undefined);
  const gateway = ingress.length > 0 ? `, ingress gateway at ${ingress.join(" and ")}` : "";
  console.log(`topsail-sim ready at ${sim.url} (kubeconfig ${sim.kubeconfigPath}${metrics}${traces}${gateway})`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`topsail-sim stopping (${signal})`);
    sim.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
