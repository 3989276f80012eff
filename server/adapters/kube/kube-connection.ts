import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { getConfig } from "@/server/config";
import { TopsailError } from "@/server/errors";
import { loadKubeConfig, type KubeConfigSource } from "./load-kube-config";

/** A loaded kubeconfig plus what to call the cluster in messages. */
export interface KubeConnection {
  kubeConfig: KubeConfig;
  server: string;
  context: string;
  source: KubeConfigSource;
}

/**
 * The console's connection, loaded on every call: kubeconfig files are small, and reading
 * them each time means a user who starts the cluster (or the simulator) after the console
 * does not need to restart it.
 */
export function getKubeConnection(): KubeConnection {
  const loaded = loadKubeConfig(process.env, getConfig().kube.context);
  if (!loaded.ok) throw new TopsailError("kube_unavailable", loaded.message);
  return { kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context, source: loaded.source };
}
