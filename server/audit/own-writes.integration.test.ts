import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { kubectlFor, type Kubectl } from "@/sim/test-support/run-kubectl";
import { waitFor } from "@/sim/test-support/wait-for";
import {
  getAuditEntry,
  listAuditEntries,
  recordAuditIntent,
  type AuditEntry,
} from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import type { KubeConnection } from "@/server/adapters/kube";
import { getIstioObject, replaceIstioObject, type StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { startExternalChangeWatcher, type ExternalChangeWatcher } from "./external-changes";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { topsailWriter } from "./test-support/topsail-writes";

/**
 * Topsail's own writes are told from external ones by their audit entries, never by timing:
 * not after a crash that left an intent unresolved, and not when the API server is slow.
 */
describe("the watcher and Topsail's own writes", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let sim: RunningSimulator;
  let connection: KubeConnection;
  let dbUrl: string;
  let watcher: ExternalChangeWatcher;
  let kubectl: Kubectl;
  let survived: AuditEntry;
  let lost: AuditEntry;
  let survivedVersion: string;
  const pendingLimitMs = 15_000;

  const db = () => getDb(dbUrl);
  const ref = (kind: string, name: string) => ({ kind, namespace: "bookinfo", name });
  const history = (kind: string, name: string) => listAuditEntries(db(), ref(kind, name));
  async function live(kind: string, name: string): Promise<StoredIstioObject> {
    const object = await getIstioObject(connection, ref(kind, name));
    if (!object) throw new Error(`${kind} bookinfo/${name} is not there`);
    return object;
  }
  async function run(args: string[]): Promise<string> {
    const result = await kubectl.run(args);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout;
  }
  const versionOf = (e: AuditEntry) =>
    (e.after?.metadata as { resourceVersion?: string } | undefined)?.resourceVersion ?? null;
  const withSubsetPolicy = (dr: StoredIstioObject, consecutive5xxErrors: number): StoredIstioObject => ({
    ...dr,
    spec: { ...dr.spec, trafficPolicy: { outlierDetection: { consecutive5xxErrors } } },
  });

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("audit-own", (paths) => startSimulator({ port: 0, ...paths }));
    ({ sim, connection, dbUrl } = consoleEnv);
    kubectl = kubectlFor(sim.kubeconfigPath, path.join(consoleEnv.dir, "kubectl-cache"));

    // A console that died mid-write, twice, before this watcher started: once after the
    // API server took the write, once before the write reached it.
    const ratings = await live("DestinationRule", "ratings");
    const desired = withSubsetPolicy(ratings, 4);
    survived = await recordAuditIntent(db(), {
      actor: "alice",
      action: "update",
      ...ref("DestinationRule", "ratings"),
      before: ratings,
      after: desired,
      source: "wizard",
    });
    survivedVersion = (await replaceIstioObject(connection, desired)).metadata.resourceVersion ?? "";
    const details = await live("DestinationRule", "details");
    lost = await recordAuditIntent(db(), {
      actor: "alice",
      action: "update",
      ...ref("DestinationRule", "details"),
      before: details,
      after: withSubsetPolicy(details, 9),
      source: "wizard",
    });

    // A short limit, so the test of an entry abandoned while the watcher runs is quick; the
    // slow writes below stay well inside it (and, past it, would be resolved the same way).
    watcher = startExternalChangeWatcher({ connection, db: db(), pendingLimitMs: pendingLimitMs, log: () => {} });
    await watcher.ready;
  });

  afterAll(async () => {
    await watcher?.stop();
    await consoleEnv?.stop();
  });

  it("resolves, at start, a pending entry whose change is live as applied with the live resourceVersion, and does not record that version as external", async () => {
    expect(await getAuditEntry(db(), survived.id)).toMatchObject({
      status: "applied",
      resourceVersion: survivedVersion,
      error: null,
    });
    // A later kubectl change of the same object: once it is recorded, the version the dead
    // console wrote has been judged too.
    await run(["annotate", "dr", "ratings", "-n", "bookinfo", "example.com/checked=yes"]);
    const entries = await waitFor(async () => {
      const found = await history("DestinationRule", "ratings");
      return found.some((e) => e.source === "external") ? found : undefined;
    }, "the external annotation of ratings");
    expect(entries.map((e) => e.source)).toEqual(["external", "wizard"]);
    expect(entries[0]?.before?.metadata).toMatchObject({ resourceVersion: survivedVersion });
  });

  it("resolves, at start, a pending entry whose change is not live as failed, saying why", async () => {
    const entry = await getAuditEntry(db(), lost.id);
    expect(entry?.status).toBe("failed");
    expect(entry?.error).toMatch(
      /the console stopped before the write's outcome was known; the live object does not hold this change/,
    );
  });

  it("resolves an entry left pending while it runs once it is older than the limit, by the live object, and keeps that version out of the external changes", async () => {
    const productpage = await live("DestinationRule", "productpage");
    const desired = withSubsetPolicy(productpage, 6);
    const landed = await recordAuditIntent(db(), {
      actor: "bob",
      action: "update",
      ...ref("DestinationRule", "productpage"),
      before: productpage,
      after: desired,
      source: "editor",
    });
    const writtenVersion = (await replaceIstioObject(connection, desired)).metadata.resourceVersion;
    const bookinfo = await live("VirtualService", "bookinfo");
    const neverWritten = await recordAuditIntent(db(), {
      actor: "bob",
      action: "update",
      ...ref("VirtualService", "bookinfo"),
      before: bookinfo,
      after: { ...bookinfo, spec: { ...bookinfo.spec, hosts: ["bookinfo.example.com"] } },
      source: "editor",
    });
    // Neither outcome is ever recorded: the console hangs after these calls.

    const resolved = await waitFor(
      async () => {
        const [a, b] = await Promise.all([getAuditEntry(db(), landed.id), getAuditEntry(db(), neverWritten.id)]);
        return a?.status !== "pending" && b?.status !== "pending" ? [a, b] : undefined;
      },
      "both entries resolved",
      4 * pendingLimitMs,
    );
    expect(resolved[0]).toMatchObject({ status: "applied", resourceVersion: writtenVersion, error: null });
    expect(resolved[1]).toMatchObject({
      status: "failed",
      error: "no outcome of the write was recorded within 15 s; the live object does not hold this change",
    });

    await run(["annotate", "dr", "productpage", "-n", "bookinfo", "example.com/checked=yes"]);
    const entries = await waitFor(async () => {
      const found = await history("DestinationRule", "productpage");
      return found.some((e) => e.source === "external") ? found : undefined;
    }, "the external annotation of productpage");
    expect(entries.map((e) => e.source)).toEqual(["external", "editor"]);
  });

  it("never records Topsail's own writes as external while the API server answers writes slowly, and still records a kubectl change made meanwhile", async () => {
    try {
      // Someone labels the reviews rule with kubectl; Topsail, a moment later, writes a
      // change set through its write path — the reviews rule and a new AuthorizationPolicy —
      // while every API call (reads, dry-runs, writes) takes 2.5 s, as behind a slow webhook.
      await run(["label", "dr", "reviews", "-n", "bookinfo", "owner=kubectl"]);
      const reviews = await live("DestinationRule", "reviews");
      const kubectlVersion = reviews.metadata.resourceVersion;
      const policy: StoredIstioObject = {
        apiVersion: "security.istio.io/v1",
        kind: "AuthorizationPolicy",
        metadata: { name: "ratings-readers", namespace: "bookinfo" },
        spec: {
          selector: { matchLabels: { app: "ratings" } },
          action: "ALLOW",
          rules: [{ from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/bookinfo-reviews"] } }] }],
        },
      };
      const desired = withSubsetPolicy(reviews, 7);
      sim.setApiLatency(2500);
      const resolved = await topsailWriter(db(), connection, { actor: "alice", source: "wizard" }).applyAll([
        { ...ref("DestinationRule", "reviews"), desired, baseResourceVersion: kubectlVersion ?? null },
        { ...ref("AuthorizationPolicy", "ratings-readers"), desired: policy, baseResourceVersion: null },
      ]);
      sim.setApiLatency(0);

      // Later kubectl changes of both objects: once they are recorded, every earlier version
      // of these objects has been judged.
      await run(["annotate", "dr", "reviews", "-n", "bookinfo", "example.com/checked=yes"]);
      await run(["annotate", "authorizationpolicy", "ratings-readers", "-n", "bookinfo", "example.com/checked=yes"]);
      const reviewsHistory = await waitFor(async () => {
        const found = await history("DestinationRule", "reviews");
        return found.filter((e) => e.source === "external").length >= 2 ? found : undefined;
      }, "the two external changes of reviews");
      const policyHistory = await waitFor(async () => {
        const found = await history("AuthorizationPolicy", "ratings-readers");
        return found.some((e) => e.source === "external") ? found : undefined;
      }, "the external annotation of the policy");

      const ours = new Set(resolved.map((e) => e.resourceVersion));
      const external = [...reviewsHistory, ...policyHistory].filter((e) => e.source === "external");
      expect(external.filter((e) => ours.has(versionOf(e)))).toEqual([]);
      expect(external.map(versionOf)).toContain(kubectlVersion);
      expect(external.find((e) => versionOf(e) === kubectlVersion)?.after?.metadata).toMatchObject({
        labels: { owner: "kubectl" },
      });
      expect(reviewsHistory.filter((e) => e.source === "wizard").map((e) => e.status)).toEqual(["applied"]);
      expect(policyHistory.map((e) => e.source)).toEqual(["external", "wizard"]);
    } finally {
      sim.setApiLatency(0);
    }
  });
});
