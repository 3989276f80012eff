import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LeaseRecord } from "@/server/adapters/kube/leases";
import { TopsailError } from "@/server/errors";
import { createLeaderElection, type LeaseAccess } from "./leader-election";

/**
 * One Lease as the API server keeps it (updates conditioned on the resourceVersion, 409
 * otherwise), reached by each replica through its own access, which can be cut off: a replica
 * that was killed or lost its network simply stops reaching it.
 */
function fakeLease() {
  let stored: LeaseRecord | undefined;
  let version = 0;
  const cut = new Set<string>();
  const accessFor = (replica: string): LeaseAccess => {
    const reach = () => {
      if (cut.has(replica)) throw new TopsailError("kube_unavailable", `${replica} cannot reach the API server`);
    };
    return {
      async read() {
        reach();
        return stored;
      },
      async create(record) {
        reach();
        if (stored) throw new TopsailError("conflict", "already exists");
        stored = { ...record, resourceVersion: String(++version) };
        return stored;
      },
      async replace(record) {
        reach();
        if (stored?.resourceVersion !== record.resourceVersion) throw new TopsailError("conflict", "moved on");
        stored = { ...record, resourceVersion: String(++version) };
        return stored;
      },
    };
  };
  return { accessFor, holder: () => stored?.holderIdentity, cut: (replica: string) => cut.add(replica) };
}

const timings = { leaseMs: 15_000, renewDeadlineMs: 10_000, retryMs: 2_000 };

function replica(lease: ReturnType<typeof fakeLease>, identity: string) {
  const events: string[] = [];
  const election = createLeaderElection(lease.accessFor(identity), {
    ...timings,
    identity,
    // Fake timers drive Date.now(): the replicas' monotonic clocks advance with them.
    monotonicNow: () => Date.now(),
    onStartedLeading: () => events.push("started"),
    onStoppedLeading: () => events.push("stopped"),
    log: () => {},
  });
  return { election, events };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("leader election over one Lease", () => {
  it("makes exactly one of two replicas the leader, and keeps it while it renews", async () => {
    const lease = fakeLease();
    const [a, b] = [replica(lease, "a"), replica(lease, "b")];
    a.election.start();
    b.election.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect([a.election.isLeader(), b.election.isLeader()]).toEqual([true, false]);
    expect(lease.holder()).toBe("a");
    expect(a.events).toEqual(["started"]);
    expect(b.events).toEqual([]);
  });

  it("takes over a dead leader's lease only once it has seen it unchanged for the lease period", async () => {
    const lease = fakeLease();
    const [dead, next] = [replica(lease, "dead"), replica(lease, "next")];
    dead.election.start();
    await vi.advanceTimersByTimeAsync(100);
    next.election.start();
    await vi.advanceTimersByTimeAsync(100);
    lease.cut("dead");
    const diedAt = Date.now();
    await vi.advanceTimersByTimeAsync(timings.leaseMs - timings.retryMs);
    expect(lease.holder()).toBe("dead");
    expect(next.election.isLeader()).toBe(false);
    await vi.advanceTimersByTimeAsync(2 * timings.retryMs + 100);
    expect(lease.holder()).toBe("next");
    expect(next.election.isLeader()).toBe(true);
    // Within one lease period (plus a retry) of the last renewal it saw.
    expect(Date.now() - diedAt).toBeLessThanOrEqual(timings.leaseMs + 2 * timings.retryMs + 200);
    // The cut-off leader stopped leading by its renew deadline, before the other could take over.
    expect(dead.events).toEqual(["started", "stopped"]);
    expect(dead.election.isLeader()).toBe(false);
  });

  it("answers isLeader() from the clock at the moment of asking, so a fenced write cannot outlive the lease", async () => {
    const lease = fakeLease();
    const leader = replica(lease, "leader");
    leader.election.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(leader.election.isLeader()).toBe(true);
    lease.cut("leader");
    // setSystemTime moves the clock without running the renewal rounds.
    vi.setSystemTime(Date.now() + timings.renewDeadlineMs - 200);
    expect(leader.election.isLeader()).toBe(true);
    vi.setSystemTime(Date.now() + 300);
    expect(leader.election.isLeader()).toBe(false);
  });

  it("hands over at once when the leader stops cleanly (it releases the lease)", async () => {
    const lease = fakeLease();
    const [first, second] = [replica(lease, "first"), replica(lease, "second")];
    first.election.start();
    await vi.advanceTimersByTimeAsync(100);
    second.election.start();
    await vi.advanceTimersByTimeAsync(100);
    await first.election.stop();
    expect(lease.holder()).toBe("");
    expect(first.events).toEqual(["started", "stopped"]);
    await vi.advanceTimersByTimeAsync(timings.retryMs + 100);
    expect(second.election.isLeader()).toBe(true);
    expect(lease.holder()).toBe("second");
  });
});
