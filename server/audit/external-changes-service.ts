/**
 * The audit watcher as a background service of the console process. The cluster may come
 * up after the console (or its kubeconfig may appear later), so start() only schedules:
 * it retries the connection on a timer and never throws.
 */
import "server-only";
import { getDb } from "@/server/adapters/db/client";
import { getKubeConnection } from "@/server/adapters/kube";
import type { BackgroundService } from "@/server/background/services";
import { startExternalChangeWatcher, type ExternalChangeWatcher } from "./external-changes";

const connectRetryMs = 15_000;

export const externalChangeWatcherService: BackgroundService = {
  name: "audit external-change watcher",
  async start() {
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
  },
};
