/**
 * The write path on a large cluster: a preview and an apply of one DestinationRule change
 * (the console's write path, server/istio-config, with a real SQLite audit log) against an
 * in-process simulator holding about 5,000 objects (`--scale`), once the cluster cache is
 * warm. Counts every API request the console sends but watches, so it shows that neither the
 * preview nor the apply lists the cluster (issue 14: "a preview and an apply on a cluster of
 * 5,000 objects do not list the cluster").
 *
 *   npx tsx --conditions=react-server bench/write-path.bench.ts [services] [rounds]
 *
 * Prints the cluster's size, the cache's first fill, the median / p95 of preview and apply,
 * and the requests each sent. Asserts nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { RequestContext } from "@kubernetes/client-node";
import { startSimulator } from "@/sim/index";

const SERVICES = Number(process.argv[2] ?? "800");
const ROUNDS = Number(process.argv[3] ?? "20");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const ms = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms`;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "topsail-bench-write-path-"));
  const sim = await startSimulator({
    port: 0,
    dataDir: join(dir, "sim"),
    kubeconfigPath: join(dir, "kubeconfig"),
    scale: SERVICES,
  });
  try {
    const dbUrl = `file:${join(dir, "topsail.db")}`;
    const { applyPendingMigrations } = await import("@/server/adapters/db/migrate");
    await applyPendingMigrations(dbUrl);
    process.env.DATABASE_URL = dbUrl;
    const { connectionFromKubeconfig, clusterCacheFor, stopClusterCaches } = await import("@/server/adapters/kube");
    const { getIstioObject } = await import("@/server/adapters/kube/istio-objects");
    const { cachedKinds } = await import("@/server/adapters/kube/cluster-cache");
    const { applyIstioChanges, previewIstioChanges } = await import("@/server/istio-config/apply-istio-changes");
    const { createIstioWriteDeps } = await import("@/server/istio-config");

    const connection = connectionFromKubeconfig(sim.kubeconfigPath);
    const requests: string[] = [];
    const kubeConfig = connection.kubeConfig;
    const authenticate = kubeConfig.applySecurityAuthentication.bind(kubeConfig);
    // Every request client-node sends passes here, watches included (told apart by `watch=true`).
    kubeConfig.applySecurityAuthentication = async (context: RequestContext) => {
      requests.push(
        `${context.getHttpMethod()} ${new URL(context.getUrl()).pathname}${new URL(context.getUrl()).search}`,
      );
      return authenticate(context);
    };

    const fillStart = performance.now();
    const cache = clusterCacheFor(connection);
    const sizes = await Promise.all(cachedKinds.map(async (kind) => [kind, (await cache.list(kind)).length] as const));
    const fillMs = performance.now() - fillStart;
    const total = sizes.reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `cluster: ${total} objects (${sizes
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}`)
        .join(", ")})`,
    );
    console.log(
      `cache first fill: ${fillMs.toFixed(0)} ms; ${requests.filter((r) => !r.includes("watch=true")).length} lists, ${requests.filter((r) => r.includes("watch=true")).length} watches`,
    );

    const deps = createIstioWriteDeps(connection);
    const ref = { kind: "DestinationRule", namespace: "mesh-000", name: "svc-0000" };
    const previews: number[] = [];
    const applies: number[] = [];
    const sent = { preview: [] as string[], apply: [] as string[] };
    for (let round = 0; round < ROUNDS; round++) {
      const live = await getIstioObject(connection, ref);
      if (!live) throw new Error(`${ref.namespace}/${ref.name} is missing: the synthetic mesh changed`);
      const desired = { ...live, metadata: { ...live.metadata, labels: { round: String(round) } } };
      const request = {
        changes: [{ ...ref, desired, baseResourceVersion: live.metadata.resourceVersion }],
        actor: "bench",
        source: "editor" as const,
      };
      requests.length = 0;
      let start = performance.now();
      await previewIstioChanges(deps, request);
      previews.push(performance.now() - start);
      sent.preview = [...requests];
      requests.length = 0;
      start = performance.now();
      const outcome = await applyIstioChanges(deps, request);
      applies.push(performance.now() - start);
      sent.apply = [...requests];
      if (!Array.isArray(outcome)) throw new Error(`the apply did not apply: ${JSON.stringify(outcome).slice(0, 300)}`);
    }
    // Reads (lists or gets; watches aside) the write path sent: the cache should have answered all of them.
    const reads = (list: string[]) => list.filter((r) => r.startsWith("GET ") && !r.includes("watch=true")).length;
    console.log(
      `preview (${ROUNDS} rounds): ${ms(previews)}; requests of the last: ${sent.preview.join(", ") || "none"}; reads: ${reads(sent.preview)}`,
    );
    console.log(
      `apply   (${ROUNDS} rounds): ${ms(applies)}; requests of the last: ${sent.apply.join(", ") || "none"}; reads: ${reads(sent.apply)}`,
    );
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    await stopClusterCaches();
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
