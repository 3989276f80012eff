/**
 * Finds Kubernetes credentials the way kubectl does — `KUBECONFIG` (first file wins, the
 * rest merged), then `~/.kube/config`, then the in-cluster service account — but, unlike
 * client-node's `loadFromDefault`, says so when none exists instead of silently pointing at
 * http://localhost:8080.
 */
import "server-only";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { KubeConfig, type RequestContext } from "@kubernetes/client-node";

const serviceAccountTokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token";

export type KubeConfigSource = "KUBECONFIG" | "~/.kube/config" | "in-cluster";

/**
 * A kubeconfig whose API calls give up after `deadlineMs`. client-node sets no timeout, so
 * an API server that accepts a connection and never answers held every page for minutes;
 * every client made with `makeApiClient` asks this object to authenticate each request,
 * which is where a request's abort signal can be set. Watches do not come through here
 * (they use `applyToFetchOptions`): they are meant to stay open.
 */
export class KubeConfigWithDeadline extends KubeConfig {
  constructor(readonly deadlineMs: number) {
    super();
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    if (!context.getSignal()) context.setSignal(AbortSignal.timeout(this.deadlineMs));
  }
}

export type LoadedKubeConfig =
  | { ok: true; kubeConfig: KubeConfig; source: KubeConfigSource; server: string; context: string }
  | { ok: false; message: string };

/** `deadlineMs`: each API call but watches gives up after this long (none when absent). */
export function loadKubeConfig(
  env: Record<string, string | undefined>,
  context?: string,
  deadlineMs?: number,
): LoadedKubeConfig {
  const kubeConfig = deadlineMs === undefined ? new KubeConfig() : new KubeConfigWithDeadline(deadlineMs);
  let source: KubeConfigSource;
  try {
    const files = (env.KUBECONFIG ?? "").split(path.delimiter).filter(Boolean);
    const homeConfig = path.join(env.HOME || homedir(), ".kube", "config");
    if (files.length > 0) {
      const missing = files.filter((file) => !existsSync(file));
      if (missing.length === files.length) {
        return {
          ok: false,
          message: `KUBECONFIG points at ${missing.join(", ")}, which does not exist: fix KUBECONFIG or start the simulator with \`npm run sim\``,
        };
      }
      // kubectl merges the files in order; the first one that sets a value wins.
      const [first, ...rest] = files.filter((file) => existsSync(file));
      kubeConfig.loadFromFile(first!);
      for (const file of rest) {
        const more = new KubeConfig();
        more.loadFromFile(file);
        kubeConfig.mergeConfig(more, true);
      }
      source = "KUBECONFIG";
    } else if (existsSync(homeConfig)) {
      kubeConfig.loadFromFile(homeConfig);
      source = "~/.kube/config";
    } else if (existsSync(serviceAccountTokenPath)) {
      kubeConfig.loadFromCluster();
      source = "in-cluster";
    } else {
      return {
        ok: false,
        message:
          "No Kubernetes credentials found (no KUBECONFIG, no ~/.kube/config, not in a cluster): set KUBECONFIG, or start Topsail's simulated cluster with `npm run sim` and set KUBECONFIG=.topsail/kubeconfig",
      };
    }
    if (context) {
      if (!kubeConfig.getContextObject(context)) {
        return {
          ok: false,
          message: `Kubernetes context "${context}" is not in the kubeconfig (${source}): set TOPSAIL_KUBE_CONTEXT to one of its contexts, or restore that context`,
        };
      }
      kubeConfig.setCurrentContext(context);
    }
  } catch (error) {
    return {
      ok: false,
      message: `Cannot read the kubeconfig: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    return {
      ok: false,
      message: `The kubeconfig (${source}) has no current context with a cluster: run \`kubectl config use-context NAME\``,
    };
  }
  return { ok: true, kubeConfig, source, server: cluster.server, context: kubeConfig.getCurrentContext() };
}
