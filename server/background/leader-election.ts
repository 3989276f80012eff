/**
 * Leader election over one Kubernetes Lease, so that of several console replicas exactly one
 * runs the background actors (experiment runner, audit watcher) for a cluster.
 *
 * client-node has no leader election (client-go's `tools/leaderelection` has no JavaScript
 * port), so this is that algorithm, small enough to read whole:
 * - Every `retryMs` a replica reads the Lease. A holder's lease is taken as expired only when
 *   this replica has seen the record unchanged for `leaseMs` by its own monotonic clock — never
 *   by comparing the holder's `renewTime` with the local wall clock, so skewed clocks cannot
 *   make two leaders.
 * - Taking over or renewing is an update conditioned on the resourceVersion read: of two
 *   replicas that race, the API server lets one win (the other gets 409 Conflict).
 * - The leader keeps leading only while its last successful renewal is younger than
 *   `renewDeadlineMs` (< `leaseMs`) on its monotonic clock; `isLeader()` answers from that, at
 *   the moment it is asked, so a write fenced by it cannot outlive the lease even when renewals
 *   stall (the others wait `leaseMs` from their last sight of a change before taking over).
 * - Stopping releases the Lease (an empty holder), so a replica that shuts down cleanly hands
 *   over at once.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { LeaseRecord } from "@/server/adapters/kube/leases";
import { TopsailError } from "@/server/errors";

export interface LeaseAccess {
  read(): Promise<LeaseRecord | undefined>;
  create(record: LeaseRecord): Promise<LeaseRecord>;
  replace(record: LeaseRecord): Promise<LeaseRecord>;
}

export interface ElectionOptions {
  /** How long a lease stands without renewal, as the others see it (client-go default 15 s). */
  leaseMs: number;
  /** How long the leader may fail to renew before it stops leading (client-go default 10 s). */
  renewDeadlineMs: number;
  /** How often every replica tries to acquire or renew (client-go default 2 s). */
  retryMs: number;
  identity?: string;
  /** A monotonic clock in milliseconds; `performance.now()` by default. */
  monotonicNow?: () => number;
  /** Wall time written into the Lease for people and tools to read; nobody's decision depends on it. */
  wallNow?: () => Date;
  onStartedLeading(): void;
  onStoppedLeading(): void;
  log?: (message: string) => void;
}

export interface LeaderElection {
  readonly identity: string;
  /** True while this replica holds the lease and its last renewal is within the renew deadline. */
  isLeader(): boolean;
  start(): void;
  /** Stops trying, stops leading, and releases the lease if held. */
  stop(): Promise<void>;
}

/** client-go's proportions (15 s lease, 10 s renew deadline, 2 s retry), for any lease length. */
export function electionTimings(
  leaseSeconds: number,
): Pick<ElectionOptions, "leaseMs" | "renewDeadlineMs" | "retryMs"> {
  const leaseMs = leaseSeconds * 1000;
  return { leaseMs, renewDeadlineMs: Math.round((leaseMs * 2) / 3), retryMs: Math.max(200, Math.round(leaseMs / 7.5)) };
}

export function defaultIdentity(): string {
  return `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
}

const sameRecord = (a: LeaseRecord | undefined, b: LeaseRecord | undefined) =>
  a?.resourceVersion === b?.resourceVersion && a?.holderIdentity === b?.holderIdentity;

export function createLeaderElection(lease: LeaseAccess, options: ElectionOptions): LeaderElection {
  const identity = options.identity ?? defaultIdentity();
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  const wallNow = options.wallNow ?? (() => new Date());
  const log = options.log ?? ((message: string) => console.warn(`[leader election] ${message}`));
  const leaseSeconds = Math.ceil(options.leaseMs / 1000);

  /** The record as last seen, and when (monotonic) it was first seen in that form. */
  let observed: LeaseRecord | undefined;
  let observedAt = 0;
  /** Monotonic time of the last successful acquire or renew; undefined while not leading. */
  let renewedAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let round: Promise<void> = Promise.resolve();
  let lastFailure = "";

  const leading = () => renewedAt !== undefined && monotonicNow() - renewedAt < options.renewDeadlineMs;

  function becomeLeader(record: LeaseRecord): void {
    const was = renewedAt !== undefined;
    observed = record;
    observedAt = monotonicNow();
    renewedAt = observedAt;
    if (!was) {
      log(`${identity} leads (lease transitions: ${record.leaseTransitions})`);
      options.onStartedLeading();
    }
  }

  function stopLeading(reason: string): void {
    if (renewedAt === undefined) return;
    renewedAt = undefined;
    log(`${identity} stopped leading: ${reason}`);
    options.onStoppedLeading();
  }

  /** One acquire-or-renew attempt; never throws (a failure is a missed renewal). */
  async function attempt(): Promise<void> {
    try {
      const current = await lease.read();
      if (!sameRecord(current, observed)) {
        observed = current;
        observedAt = monotonicNow();
      }
      const now = wallNow();
      if (!current) {
        becomeLeader(await lease.create(fresh(now, 0, "")));
        return;
      }
      const heldByOther = current.holderIdentity !== "" && current.holderIdentity !== identity;
      if (heldByOther) stopLeading(`${current.holderIdentity} holds the lease`);
      if (heldByOther && monotonicNow() - observedAt < options.leaseMs) return;
      const transitions = current.holderIdentity === identity ? current.leaseTransitions : current.leaseTransitions + 1;
      const acquireTime = current.holderIdentity === identity ? (current.acquireTime ?? now) : now;
      becomeLeader(await lease.replace({ ...fresh(now, transitions, current.resourceVersion), acquireTime }));
      lastFailure = "";
    } catch (error) {
      // A conflict is another replica winning a race: not worth a line. Other failures are
      // logged once each until an attempt succeeds, not every retry.
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof TopsailError && error.code === "conflict") && message !== lastFailure) {
        log(`${identity} could not acquire or renew the lease: ${message}`);
      }
      lastFailure = message;
    } finally {
      if (renewedAt !== undefined && !leading()) stopLeading(`no renewal for ${options.renewDeadlineMs} ms`);
    }
  }

  function fresh(now: Date, leaseTransitions: number, resourceVersion: string): LeaseRecord {
    return {
      holderIdentity: identity,
      leaseDurationSeconds: leaseSeconds,
      acquireTime: now,
      renewTime: now,
      leaseTransitions,
      resourceVersion,
    };
  }

  function schedule(): void {
    if (!running) return;
    timer = setTimeout(() => {
      round = attempt().then(schedule);
    }, options.retryMs);
    timer.unref();
  }

  return {
    identity,
    isLeader: leading,
    start() {
      if (running) return;
      running = true;
      round = attempt().then(schedule);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await round;
      const held = renewedAt !== undefined && observed?.holderIdentity === identity;
      stopLeading("stopped");
      if (!held || !observed) return;
      try {
        await lease.replace({ ...observed, holderIdentity: "", leaseDurationSeconds: 1, renewTime: wallNow() });
      } catch (error) {
        // The others take over after the lease period instead.
        log(`${identity} could not release the lease: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
