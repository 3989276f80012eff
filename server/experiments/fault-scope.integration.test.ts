/**
 * A fault experiment changes nothing but the fault, and is judged where the fault shows —
 * against the simulated cluster and a real Prometheus scraping every second. Both
 * experiments run side by side in one mesh on different services (reviews and details),
 * ticked by one runner.
 *
 * Routing kept: reviews has a jason → v2 rule with retries and a timeout, and a default
 * rule → v1 with a timeout and a mirror to v3. reviews-v2 is made to fail 30% of its
 * requests and to be slow now and then, so both policies leave traces in the metrics:
 * - retries: the destination-reported attempts at reviews-v2 outnumber the requests
 *   productpage's proxy reports sending there (each retry is one more attempt);
 * - timeout: productpage's proxy reports 504 with flag UT for requests to reviews-v2;
 * - mirror: reviews-v3 gets traffic only from the mirror (nothing routes to it);
 * - and jason's requests reach reviews-v2 at all (only the jason rule routes there).
 * All four are measured over the injection window (from the timeline's inject and revert
 * entries), while a fault with an EMPTY match is in place. Before the faulted copies, the
 * experiment's one rule caught every request and routed it to v1 without retries, timeout
 * or mirror: all four were zero.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { startSimulator } from "@/sim/index";
import { getDb } from "@/server/adapters/db/client";
import type { PrometheusClient } from "@/server/adapters/prometheus";
import { selector, type LabelMatcher } from "@/server/adapters/prometheus/promql";
import { applyIstioChanges } from "@/server/istio-config/apply-istio-changes";
import { faultSpecSchema } from "@/lib/contracts/experiments";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { findExperiment } from "./experiment-store";
import type { ExperimentRecord } from "./machine-types";
import {
  createMeshScenario,
  scrapeScenarios,
  stopScenarios,
  tickUntil,
  type MeshScenario,
} from "./test-support/mesh-scenario";

const finished = (r: { status: string }) => !["pending", "running", "paused"].includes(r.status);
const reviews = (subset: string) => ({ destination: { host: "reviews", subset } });

describe("fault experiments: only the fault changes, and the verdict sees it", () => {
  let dir: string;
  let prometheus: RunningPrometheus;
  let prom: PrometheusClient;
  let s: MeshScenario;
  let before: StoredIstioObject | undefined;
  let kept: ExperimentRecord;
  let judged: ExperimentRecord;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-fault-scope-"));
    const sim = await startSimulator({
      port: 0,
      metricsPort: 0,
      dataDir: path.join(dir, "sim"),
      kubeconfigPath: path.join(dir, "kubeconfig"),
      seed: 13,
    });
    s = await createMeshScenario("scope", dir, sim);
    ({ prometheus, client: prom } = await scrapeScenarios(dir, [s]));
    await runBoth();
  }, 180_000);

  afterAll(() => stopScenarios(dir, [s], prometheus));

  /** Requests counted by a series selection over `seconds` ending at `at`. */
  async function increase(matchers: LabelMatcher[], seconds: number, at: Date): Promise<number> {
    const result = await prom.query(
      `sum(increase(${selector("istio_requests_total", [...matchers, { label: "job", op: "=", value: s.name }])}[${seconds}s]))`,
      at,
    );
    return result.kind === "vector" ? (result.samples[0]?.value ?? 0) : 0;
  }

  /** The injection window of an experiment: from its inject write to its revert write. */
  async function injectionWindow(id: string): Promise<{ seconds: number; end: Date }> {
    const events = (await findExperiment(getDb(s.dbUrl), id))?.events ?? [];
    const inject = events.find((e) => e.type === "config" && e.phase === "inject");
    const revert = events.find((e) => e.type === "config" && e.phase === "revert");
    if (!inject || !revert)
      throw new Error(`experiment ${id} has no inject/revert writes: ${events.map((e) => e.message).join(" | ")}`);
    // Two seconds for the simulator's watch to pick up the copies and for a scrape to land.
    return { seconds: Math.floor((revert.at.getTime() - inject.at.getTime()) / 1000) - 2, end: revert.at };
  }

  /** Both experiments, side by side: one on reviews (its routing), one on details (its verdict). */
  async function runBoth(): Promise<void> {
    await s.control("/load", { entryPoint: "bookinfo-ingress", requestsPerSecond: 40, jasonShare: 0.5 });
    await applyIstioChanges(s.writeDeps, {
      changes: [
        {
          kind: "DestinationRule",
          namespace: "bookinfo",
          name: "reviews",
          desired: {
            apiVersion: "networking.istio.io/v1",
            kind: "DestinationRule",
            metadata: { name: "reviews", namespace: "bookinfo" },
            spec: { host: "reviews", subsets: ["v1", "v2", "v3"].map((v) => ({ name: v, labels: { version: v } })) },
          },
        },
        {
          kind: "VirtualService",
          namespace: "bookinfo",
          name: "reviews",
          desired: {
            apiVersion: "networking.istio.io/v1",
            kind: "VirtualService",
            metadata: { name: "reviews", namespace: "bookinfo" },
            spec: {
              hosts: ["reviews"],
              http: [
                {
                  name: "jason",
                  match: [{ headers: { "end-user": { exact: "jason" } } }],
                  route: [reviews("v2")],
                  retries: { attempts: 3, retryOn: "5xx" },
                  timeout: "1s",
                },
                {
                  name: "everyone",
                  route: [reviews("v1")],
                  timeout: "2s",
                  mirror: { host: "reviews", subset: "v3" },
                  mirrorPercentage: { value: 100 },
                },
              ],
            },
          },
        },
      ],
      actor: "setup",
      source: "editor",
    });
    // 30% 500s (retried on 5xx) and a slow tail (p99 3 s: about one request in nine takes over the 1 s timeout).
    await s.control("/workloads/bookinfo/reviews-v2", { errorRate: 0.3, latencyMs: { p50: 300, p99: 3000 } });
    before = await s.virtualService("reviews");

    // Parsed as the API parses a request body, so the contract's defaults apply.
    const keepRouting = await s.create(
      faultSpecSchema.parse({
        kind: "fault",
        namespace: "bookinfo",
        service: "reviews",
        match: [],
        abort: { httpStatus: 503, percent: 50 },
        durationSeconds: 25,
        baselineSeconds: 10,
        recoverySeconds: 5,
        // Lenient on purpose: this experiment is about what the fault changes, not its verdict.
        hypothesis: { service: "reviews", minSuccessRate: 1, windowSeconds: 10 },
      }),
    );
    const defaultHypothesis = await s.create(
      faultSpecSchema.parse({
        kind: "fault",
        namespace: "bookinfo",
        service: "details",
        match: [],
        abort: { httpStatus: 503, percent: 60 },
        durationSeconds: 25,
        baselineSeconds: 10,
        recoverySeconds: 5,
        // The form's defaults: the faulted service itself, default scope.
        hypothesis: { service: "details", minSuccessRate: 95, windowSeconds: 10 },
      }),
    );

    const runner = s.runner("scope", prom);
    kept = await tickUntil(s, runner, keepRouting.id, finished);
    judged = await tickUntil(s, runner, defaultHypothesis.id, finished);
    console.info(`routing kept: ${kept.summary}\ndefault hypothesis: ${judged.summary}`);
  }

  it("keeps jason's route to v2 with its retries and timeout, and the default rule's mirror, under an empty-match fault; restores the VirtualService exactly", async () => {
    expect(kept.status).toBe("completed");
    // The recovery phase (5 s) has passed since the revert: the window's last scrapes are in.
    const { seconds, end } = await injectionWindow(kept.id);
    const fromProductpage: LabelMatcher[] = [
      { label: "reporter", op: "=", value: "source" },
      { label: "source_workload", op: "=", value: "productpage-v1" },
    ];
    const [sentToV2, attemptsAtV2, timeoutsToV2, mirroredToV3] = await Promise.all([
      increase([...fromProductpage, { label: "destination_workload", op: "=", value: "reviews-v2" }], seconds, end),
      increase(
        [
          { label: "reporter", op: "=", value: "destination" },
          { label: "destination_workload", op: "=", value: "reviews-v2" },
        ],
        seconds,
        end,
      ),
      increase(
        [
          ...fromProductpage,
          { label: "destination_service_name", op: "=", value: "reviews" },
          { label: "response_code", op: "=", value: "504" },
          { label: "response_flags", op: "=~", value: ".*UT.*" },
        ],
        seconds,
        end,
      ),
      increase(
        [
          { label: "reporter", op: "=", value: "destination" },
          { label: "destination_workload", op: "=", value: "reviews-v3" },
        ],
        seconds,
        end,
      ),
    ]);
    console.info(
      `during the fault (${seconds}s): sent to v2 ${sentToV2.toFixed(1)}, attempts at v2 ${attemptsAtV2.toFixed(1)}, 504 UT ${timeoutsToV2.toFixed(1)}, mirrored to v3 ${mirroredToV3.toFixed(1)}`,
    );
    // jason's requests still take his rule to v2 …
    expect(sentToV2).toBeGreaterThan(20);
    // … with its retries (30% failures, up to 3 retries: about 1.4 attempts per request) …
    expect(attemptsAtV2).toBeGreaterThan(sentToV2 * 1.15);
    // … and its 1 s timeout.
    expect(timeoutsToV2).toBeGreaterThan(0);
    // The default rule's mirror still copies requests to v3.
    expect(mirroredToV3).toBeGreaterThan(20);

    // Nobody else edited reviews: after the revert it is exactly what it was.
    const after = await s.virtualService("reviews");
    expect(after?.spec).toEqual(before?.spec);
  });

  it("judges a hypothesis on the faulted service with the default scope where the aborts show: 60% aborts violate it", () => {
    // The default hypothesis reads what details' callers report, where the aborts are.
    expect(judged).toMatchObject({ status: "completed", verdict: "violated" });
    expect(judged.summary).toMatch(
      /requests to details as its callers see them success rate % = [\d.]+ \(needs ≥ 95\)/,
    );
  });
});
