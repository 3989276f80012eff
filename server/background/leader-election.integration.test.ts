/**
 * Leader election through the simulator's real coordination.k8s.io/v1 Lease API: two
 * replicas elect one; when the leader can no longer reach the API server it stops leading
 * by its renew deadline and the other takes over within the lease period; `kubectl get lease`
 * shows the holder.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { kubectlFor } from "@/sim/test-support/run-kubectl";
import { waitFor } from "@/sim/test-support/wait-for";
import { connectionFromKubeconfig, type KubeConnection } from "@/server/adapters/kube";
import { createLease, readLease, replaceLease } from "@/server/adapters/kube/leases";
import { TopsailError } from "@/server/errors";
import { createLeaderElection, type LeaseAccess } from "./leader-election";

const ref = { namespace: "default", name: "topsail-background" };
const timings = { leaseMs: 1500, renewDeadlineMs: 1000, retryMs: 200 };

describe("leader election against the simulator's Lease API", () => {
  let sim: RunningSimulator;
  let dir: string;
  let connection: KubeConnection;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-election-"));
    sim = await startSimulator({
      port: 0,
      dataDir: path.join(dir, "sim"),
      kubeconfigPath: path.join(dir, "kubeconfig"),
    });
    connection = connectionFromKubeconfig(sim.kubeconfigPath);
  });

  afterAll(async () => {
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** The real Lease API, as one replica reaches it; `cut()` makes it unreachable for that replica only. */
  function replica(identity: string) {
    let cut = false;
    const reach = () => {
      if (cut) throw new TopsailError("kube_unavailable", `${identity} cannot reach the API server`);
    };
    const access: LeaseAccess = {
      read: async () => (reach(), readLease(connection, ref)),
      create: async (record) => (reach(), createLease(connection, ref, record)),
      replace: async (record) => (reach(), replaceLease(connection, ref, record)),
    };
    const events: string[] = [];
    const election = createLeaderElection(access, {
      ...timings,
      identity,
      onStartedLeading: () => events.push(`${identity} started`),
      onStoppedLeading: () => events.push(`${identity} stopped`),
      log: () => {},
    });
    return { election, events, cut: () => (cut = true) };
  }

  it("elects one replica, and the other takes over within the lease period once the leader is cut off", async () => {
    const [a, b] = [replica("replica-a"), replica("replica-b")];
    a.election.start();
    b.election.start();
    const leader = await waitFor(
      () => (a.election.isLeader() ? a : b.election.isLeader() ? b : undefined),
      "a leader",
      5000,
    );
    const other = leader === a ? b : a;
    // Several renewals later there is still exactly one leader.
    await new Promise((resolve) => setTimeout(resolve, 3 * timings.retryMs));
    expect([a.election.isLeader(), b.election.isLeader()].filter(Boolean)).toHaveLength(1);
    const held = await readLease(connection, ref);
    expect(held?.holderIdentity).toBe(leader.election.identity);
    expect(held?.leaseDurationSeconds).toBe(2);

    const kubectl = kubectlFor(sim.kubeconfigPath, path.join(dir, "kubectl-cache"));
    const shown = await kubectl.run([
      "get",
      "lease",
      ref.name,
      "-n",
      ref.namespace,
      "-o",
      "jsonpath={.spec.holderIdentity}",
    ]);
    expect(shown.stdout).toBe(leader.election.identity);

    leader.cut();
    const cutAt = Date.now();
    await waitFor(() => (other.election.isLeader() ? true : undefined), "the other replica to lead", 10_000);
    const tookMs = Date.now() - cutAt;
    expect(tookMs).toBeLessThanOrEqual(timings.leaseMs + 3 * timings.retryMs + 500);
    expect(leader.election.isLeader()).toBe(false);
    expect(leader.events).toEqual([`${leader.election.identity} started`, `${leader.election.identity} stopped`]);
    expect((await readLease(connection, ref))?.holderIdentity).toBe(other.election.identity);
    expect((await readLease(connection, ref))?.leaseTransitions).toBe(1);
    await Promise.all([a.election.stop(), b.election.stop()]);
  });
});
