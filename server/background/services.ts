/**
 * The background services, as data: a new service is a new row. Each start() must return
 * quickly (do its waiting in timers or watches) and must not throw for a missing cluster —
 * the console starts before the cluster is reachable as often as after.
 */
import "server-only";

/** What a service is given: `isLeader()` fences its cluster writes (leader-election.ts). */
export interface ServiceContext {
  isLeader(): boolean;
}

export interface BackgroundService {
  name: string;
  start(context: ServiceContext): Promise<{ stop(): Promise<void> | void }>;
}

export const backgroundServices: BackgroundService[] = [
  {
    // Advances experiments (and reverts overdue faults at start-up): server/experiments/runner.ts.
    name: "experiment-runner",
    async start({ isLeader }) {
      const { getExperimentRunner } = await import("@/server/experiments");
      const runner = getExperimentRunner({ fence: isLeader });
      runner.start();
      return { stop: () => runner.stop() };
    },
  },
  {
    // Records changes made outside Topsail to every kind it writes: server/audit/external-changes.ts.
    name: "audit-external-changes",
    async start() {
      const { watchExternalChanges } = await import("@/server/audit/external-changes-service");
      return watchExternalChanges();
    },
  },
];
