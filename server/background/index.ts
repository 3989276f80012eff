import "server-only";
import { getConfig } from "@/server/config";
import { backgroundServices } from "./services";

const running: { name: string; stop(): Promise<void> | void }[] = [];

/**
 * Starts every background service once per process; `TOPSAIL_BACKGROUND=off`
 * turns them off (useful when several consoles share one database).
 */
export async function startBackgroundServices(): Promise<void> {
  if (!getConfig().background || running.length > 0) return;
  for (const service of backgroundServices) {
    try {
      running.push({ name: service.name, ...(await service.start()) });
    } catch (error) {
      console.error(`Background service ${service.name} did not start:`, error);
    }
  }
  const stopAll = async () => {
    for (const service of running.splice(0).reverse()) await service.stop();
  };
  process.once("SIGTERM", () => void stopAll());
  process.once("SIGINT", () => void stopAll());
}
