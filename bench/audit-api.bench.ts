/**
 * The audit API on a large log: GET /api/audit?limit=1000 and GET /api/audit/{id} through
 * the route handlers in process, on a temporary SQLite database of 5,000 entries of
 * VirtualServices (every 100th a 21,000-line object) and an in-process simulator (API server
 * only) that holds the huge object live, so the detail reads it as it would in a cluster.
 *
 *   npx tsx --conditions=react-server bench/audit-api.bench.ts [list rounds] [detail rounds]
 *
 * Prints, per request kind, the median / p95 latency, the answer's size and what the diff
 * said, and the process's resident memory now and at its peak so far (peaks only grow, so
 * the phases run from the cheapest expected to the dearest). The entries "at the bounds" are
 * the worst the diff computes (lib/bounded-line-diff.ts): two 4,979-line versions
 * 1,000 changed lines apart, and 1,004 apart (searched up to the limit, then given up).
 * Asserts nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { startSimulator } from "@/sim/index";

const LIST_ROUNDS = Number(process.argv[2] ?? "20");
const DETAIL_ROUNDS = Number(process.argv[3] ?? "10");
const ENTRIES = 5_000;
const HUGE_EVERY = 100;

/**
 * A VirtualService with `routes` header-matched routes (14 lines of YAML each), the first `shifted` of them at 50/50.
 */
function virtualService(name: string, routes: number, weight: number, shifted = 0) {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name, namespace: "bookinfo" },
    spec: {
      hosts: [name],
      http: Array.from({ length: routes }, (_, i) => {
        const w = i < shifted ? 50 : weight;
        return {
          name: `user-${i}`,
          match: [{ headers: { "x-user": { exact: `user-${i}` } } }],
          route: [
            { destination: { host: name, subset: "v1" }, weight: w },
            { destination: { host: name, subset: "v2" }, weight: 100 - w },
          ],
        };
      }),
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const memory = () => `RSS ${mb(process.memoryUsage().rss)}, peak ${mb(process.resourceUsage().maxRSS * 1024)}`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "topsail-bench-audit-"));
  const sim = await startSimulator({ port: 0, dataDir: join(dir, "sim"), kubeconfigPath: join(dir, "kubeconfig") });
  try {
    process.env.KUBECONFIG = sim.kubeconfigPath;
    const databaseUrl = `file:${join(dir, "topsail.db")}`;
    process.env.DATABASE_URL = databaseUrl;
    const { applyPendingMigrations } = await import("@/server/adapters/db/migrate");
    const { getDb, disconnectDb } = await import("@/server/adapters/db/client");
    const { connectionFromKubeconfig } = await import("@/server/adapters/kube");
    const { createIstioObject } = await import("@/server/adapters/kube/istio-objects");
    await applyPendingMigrations(databaseUrl);
    const db = getDb(databaseUrl);

    // Oldest first, a minute apart; the huge object is also live in the simulator.
    const hugeName = "catalog";
    const hugeBefore = virtualService(hugeName, 1_500, 90);
    const hugeAfter = virtualService(hugeName, 1_500, 50);
    await createIstioObject(connectionFromKubeconfig(sim.kubeconfigPath), virtualService(hugeName, 1_500, 50));
    const start = Date.UTC(2026, 0, 1);
    const sources = ["wizard", "editor", "experiment", "external"] as const;
    const seeded = performance.now();
    for (let from = 0; from < ENTRIES; from += 500) {
      await db.auditEntry.createMany({
        data: Array.from({ length: 500 }, (_, k) => {
          const i = from + k;
          const huge = i % HUGE_EVERY === HUGE_EVERY - 1;
          const action = huge
            ? "update"
            : ((["update", "update", "update", "create", "delete"] as const)[i % 5] ?? "update");
          const name = huge ? hugeName : `svc-${i % 40}`;
          // A missing object is left out: the column's default is SQL NULL.
          const before = action === "create" ? {} : { before: huge ? hugeBefore : virtualService(name, 3, 90) };
          const after = action === "delete" ? {} : { after: huge ? hugeAfter : virtualService(name, 3, 50) };
          return {
            actor: `user-${i % 7}`,
            action,
            kind: "VirtualService",
            namespace: "bookinfo",
            name,
            ...before,
            ...after,
            source: sources[i % 4] ?? "editor",
            status: i % 23 === 0 ? "failed" : "applied",
            error: i % 23 === 0 ? "409 Conflict" : null,
            createdAt: new Date(start + i * 60_000),
          };
        }),
      });
    }
    const boundsName = "bounds";
    const bounds = (shifted: number) => ({
      actor: "alice",
      action: "update",
      kind: "VirtualService",
      namespace: "bookinfo",
      name: boundsName,
      before: virtualService(boundsName, 355, 90),
      after: virtualService(boundsName, 355, 90, shifted),
      source: "wizard",
      createdAt: new Date(start - 60_000),
    });
    const atBounds = await db.auditEntry.create({ data: bounds(250) });
    const overBounds = await db.auditEntry.create({ data: bounds(251) });
    const huge = await db.auditEntry.findFirstOrThrow({
      where: { name: hugeName },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    console.log(
      `seeded ${ENTRIES + 2} entries (${ENTRIES / HUGE_EVERY} with 21,009-line objects) in ${((performance.now() - seeded) / 1000).toFixed(1)} s; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(`before the requests: ${memory()}`);

    const list = (await import("../app/api/audit/route")).GET;
    const detail = (await import("../app/api/audit/[id]/route")).GET;
    const phases: { label: string; rounds: number; call: () => Promise<Response> }[] = [
      {
        label: "GET /api/audit?limit=1000",
        rounds: LIST_ROUNDS,
        call: () => list(new Request("http://127.0.0.1/api/audit?limit=1000")),
      },
      {
        label: "GET /api/audit/{id}, 4,979 lines, 1,000 changed",
        rounds: DETAIL_ROUNDS,
        call: () => detail(new Request("http://127.0.0.1/"), { params: Promise.resolve({ id: atBounds.id }) }),
      },
      {
        label: "GET /api/audit/{id}, 4,979 lines, 1,004 changed",
        rounds: DETAIL_ROUNDS,
        call: () => detail(new Request("http://127.0.0.1/"), { params: Promise.resolve({ id: overBounds.id }) }),
      },
      {
        label: "GET /api/audit/{id}, 21,009 lines, live",
        rounds: DETAIL_ROUNDS,
        call: () => detail(new Request("http://127.0.0.1/"), { params: Promise.resolve({ id: huge.id }) }),
      },
    ];
    for (const phase of phases) {
      const times: number[] = [];
      let outcome = "";
      for (let round = 0; round < phase.rounds; round++) {
        const started = performance.now();
        const response = await phase.call();
        const text = await response.text();
        times.push(performance.now() - started);
        const body = JSON.parse(text) as {
          entries?: unknown[];
          diff?: unknown[];
          diffOmitted?: { reason: string } | null;
          error?: { message: string };
        };
        const said = body.error
          ? `error: ${body.error.message}`
          : body.entries
            ? `${body.entries.length} entries`
            : `${body.diff?.length ?? 0} diff lines${body.diffOmitted ? `, not computed: ${body.diffOmitted.reason}` : ""}`;
        outcome = `${response.status}, ${kb(text.length)} answer, ${said}`;
      }
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `${phase.label} × ${phase.rounds}: median ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms (${outcome}); ${memory()}`,
      );
    }
    await disconnectDb();
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
