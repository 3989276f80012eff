/**
 * The audit watcher as a background service of the console process. The cluster may come
 * up after the console (or its kubeconfig may appear later), so starting only schedules:
 * it retries the connection on a timer and never throws. server/background/services.ts lists
 * it as a row; this file knows nothing of that list, so the dependency points one way.
 */
import "server-only";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection } from "@/server/adapters/kube";
import { startExternalChangeWatcher, type ExternalChangeWatcher } from "./external-changes";

const connectRetryMs = 15_000;

/** Starts watching now, or retries until the cluster can be reached; `stop()` ends either. */
export function watchExternalChanges(): { stop(): Promise<void> } {
  let watcher: ExternalChangeWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  const attempt = () => {
    try {
      watcher = startExternalChangeWatcher({ connection: getKubeConnection(), db: getDb() });
    } catch {
      timer = setTimeout(attempt, connectRetryMs);
      timer.unref();
    }
  };
  attempt();
  return {
    async stop() {
      if (timer) clearTimeout(timer);
      await watcher?.stop();
    },
  };
}
