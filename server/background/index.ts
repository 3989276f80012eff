import "server-only";
import { getKubeConnection } from "@/server/adapters/kube";
import { createLease, readLease, replaceLease, type LeaseRef } from "@/server/adapters/kube/leases";
import { getConfig } from "@/server/config";
import { setLeader } from "@/server/observability/console-metrics";
import { createLeaderElection, electionTimings, type LeaderElection } from "./leader-election";
import { backgroundServices } from "./services";

/** The Lease the replicas of one console deployment compete for, per cluster. */
export const BACKGROUND_LEASE_NAME = "topsail-background";

const running: { name: string; stop(): Promise<void> | void }[] = [];
let election: LeaderElection | undefined;

async function startAll(isLeader: () => boolean): Promise<void> {
  for (const service of backgroundServices) {
    try {
      running.push({ name: service.name, ...(await service.start({ isLeader })) });
    } catch (error) {
      console.error(`Background service ${service.name} did not start:`, error);
    }
  }
}

async function stopAll(): Promise<void> {
  for (const service of running.splice(0).reverse()) await service.stop();
}

/**
 * Starts the background services of this process while it leads: of several replicas of the
 * console, the one holding the `topsail-background` Lease in TOPSAIL_LEASE_NAMESPACE runs the
 * experiment runner and the audit watcher; the others stand by and take over when it stops
 * renewing. `TOPSAIL_BACKGROUND=off` turns all of it off, election included.
 */
export async function startBackgroundServices(
  options: { onLeadership?: (leading: boolean) => void } = {},
): Promise<void> {
  const config = getConfig();
  if (!config.background || election) return;
  const ref: LeaseRef = { namespace: config.leaseNamespace, name: BACKGROUND_LEASE_NAME };
  // The connection is taken on every attempt: the cluster may come up after the console.
  const leases = {
    read: () => readLease(getKubeConnection(), ref),
    create: (record: Parameters<typeof createLease>[2]) => createLease(getKubeConnection(), ref, record),
    replace: (record: Parameters<typeof replaceLease>[2]) => replaceLease(getKubeConnection(), ref, record),
  };
  // Starting and stopping are chained, so a quick loss and regain never runs two sets at once.
  let transition: Promise<void> = Promise.resolve();
  const elected = createLeaderElection(leases, {
    ...electionTimings(config.leaseSeconds),
    onStartedLeading() {
      setLeader(true);
      options.onLeadership?.(true);
      transition = transition.then(() => startAll(elected.isLeader));
    },
    onStoppedLeading() {
      setLeader(false);
      options.onLeadership?.(false);
      transition = transition.then(stopAll);
    },
  });
  election = elected;
  elected.start();
  stopping = async () => {
    await elected.stop();
    await transition;
  };
  process.once("SIGTERM", () => void stopBackgroundServices());
  process.once("SIGINT", () => void stopBackgroundServices());
}

let stopping: (() => Promise<void>) | undefined;

/** Leaves the election (releasing the Lease if held) and stops the services it started. */
export async function stopBackgroundServices(): Promise<void> {
  await stopping?.();
}
