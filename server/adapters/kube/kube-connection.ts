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
  /**
   * Set on a connection that acts as a signed-in person (kube-identity.ts): the console's own
   * connection, whose cluster cache its reads use — the cache is never per person.
   */
  readsThrough?: KubeConnection;
}

// On globalThis so a dev reload of this module keeps the pin.
const globals = globalThis as typeof globalThis & { __topsailPinnedKubeContext?: string };

/**
 * The console's connection. The kubeconfig is read on every call (a user who starts the
 * cluster or the simulator after the console need not restart it), but the context is
 * pinned: TOPSAIL_KUBE_CONTEXT, else the kubeconfig's current context the first time one
 * loads. A later `kubectl config use-context` must not move a running console — and its
 * experiments and rollbacks — to another cluster (docs/ARCHITECTURE.md "Identity").
 * `context` asks for a given context (an experiment acts through the one it started on).
 */
export function getKubeConnection(context?: string): KubeConnection {
  const config = getConfig().kube;
  const wanted = context ?? config.context ?? globals.__topsailPinnedKubeContext;
  const loaded = loadKubeConfig(process.env, wanted, config.timeoutMs);
  if (!loaded.ok) throw new TopsailError("kube_unavailable", loaded.message);
  if (context === undefined) globals.__topsailPinnedKubeContext ??= loaded.context;
  return { kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context, source: loaded.source };
}

/**
 * A connection to the current context of one kubeconfig file, with no deadline and no pin:
 * for tests, benches and scripts that point at a given simulator rather than at the
 * console's configuration. Throws when the file cannot be used.
 */
export function connectionFromKubeconfig(path: string): KubeConnection {
  const loaded = loadKubeConfig({ KUBECONFIG: path });
  if (!loaded.ok) throw new TopsailError("kube_unavailable", loaded.message);
  return { kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context, source: loaded.source };
}

/** The context the console is pinned to, if one was loaded yet. */
export function pinnedKubeContext(): string | undefined {
  return getConfig().kube.context ?? globals.__topsailPinnedKubeContext;
}
