/**
 * Connections that act as someone other than the console (issue 16): the same cluster, CA
 * and deadline as the console's kubeconfig, with either the person's bearer token or the
 * console's own credentials plus Kubernetes impersonation headers. The adapter knows only
 * this identity, not who signed in or how (server/auth builds it from the viewer).
 *
 * Reads stay on the console: a connection made here keeps `readsThrough` pointing at the
 * console's connection, and the cluster cache (cluster-cache.ts) is always the console's —
 * one watched copy of the cluster, filtered per person above the adapter, as Kiali does.
 */
import "server-only";
import { KubeConfig, type Cluster, type RequestContext } from "@kubernetes/client-node";
import { getGlobalDispatcher, type Dispatcher } from "undici";
import type { KubeConnection } from "./kube-connection";
import { KubeConfigWithDeadline } from "./load-kube-config";

export type KubeIdentity =
  | { kind: "console" }
  | { kind: "bearer"; token: string }
  | { kind: "impersonate"; user: string; groups: readonly string[] };

type DispatchHeaders = Dispatcher.DispatchOptions["headers"];

/** The header pairs of a dispatch, whatever form undici was handed them in. */
function headerPairs(headers: DispatchHeaders): [string, string][] {
  if (!headers) return [];
  const pairs: [string, string][] = [];
  const add = (name: string, value: string | string[] | undefined) => {
    if (value === undefined) return;
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, v]);
  };
  if (Array.isArray(headers)) {
    // A flat [name, value, name, value, …] list.
    for (let i = 0; i + 1 < headers.length; i += 2) add(String(headers[i]), String(headers[i + 1]));
  } else if (Symbol.iterator in headers) {
    for (const [name, value] of headers as Iterable<[string, string | string[] | undefined]>) add(name, value);
  } else {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }
  return pairs;
}

/**
 * The headers with the impersonation ones set, as a flat list so that each group is a header
 * line of its own: kube-apiserver reads `Impersonate-Group` as a repeated header, and fetch's
 * Headers would join repeated values into one "a, b" group.
 */
export function withImpersonationHeaders(headers: DispatchHeaders, user: string, groups: readonly string[]): string[] {
  const kept = headerPairs(headers).filter(([name]) => !name.toLowerCase().startsWith("impersonate-"));
  kept.push(["Impersonate-User", user], ...groups.map((g): [string, string] => ["Impersonate-Group", g]));
  return kept.flat();
}

/**
 * The console's kubeconfig whose every request — watches included, since client-node's Watch
 * authenticates through `applySecurityAuthentication` too — carries impersonation headers.
 * They are added by a dispatcher interceptor rather than `setHeaderParam`, which can hold a
 * header only once.
 */
export class KubeConfigImpersonating extends KubeConfig {
  constructor(
    readonly user: string,
    readonly groups: readonly string[],
    readonly deadlineMs?: number,
  ) {
    super();
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    if (this.deadlineMs !== undefined && !context.getSignal()) context.setSignal(AbortSignal.timeout(this.deadlineMs));
    const base: Dispatcher = context.getDispatcher() ?? getGlobalDispatcher();
    const { user, groups } = this;
    context.setDispatcher(
      base.compose(
        (dispatch) => (options, handler) =>
          dispatch({ ...options, headers: withImpersonationHeaders(options.headers, user, groups) }, handler),
      ),
    );
  }

  /**
   * client-node's WebSockets (port-forward, exec) take their credentials from here rather than from
   * applySecurityAuthentication, and the `ws` library sends an array header value as one line per value.
   */
  override async applyToHTTPSOptions(opts: Parameters<KubeConfig["applyToHTTPSOptions"]>[0]): Promise<void> {
    await super.applyToHTTPSOptions(opts);
    const kept = Object.entries(opts.headers ?? {}).filter(([name]) => !name.toLowerCase().startsWith("impersonate-"));
    const headers: Record<string, string | string[]> = Object.fromEntries(kept.map(([n, v]) => [n, String(v)]));
    headers["Impersonate-User"] = this.user;
    if (this.groups.length > 0) headers["Impersonate-Group"] = [...this.groups];
    Object.assign(opts, { headers });
  }
}

function deadlineOf(kubeConfig: KubeConfig): number | undefined {
  return kubeConfig instanceof KubeConfigWithDeadline ? kubeConfig.deadlineMs : undefined;
}

/** A kubeconfig with the console's cluster and context name, and the person's token as its only user. */
function bearerKubeConfig(console: KubeConnection, cluster: Cluster, token: string): KubeConfig {
  const deadlineMs = deadlineOf(console.kubeConfig);
  const kubeConfig = deadlineMs === undefined ? new KubeConfig() : new KubeConfigWithDeadline(deadlineMs);
  const user = "topsail-viewer";
  kubeConfig.loadFromOptions({
    clusters: [cluster],
    users: [{ name: user, token }],
    contexts: [{ name: console.context, cluster: cluster.name, user }],
    currentContext: console.context,
  });
  return kubeConfig;
}

function impersonatingKubeConfig(console: KubeConnection, user: string, groups: readonly string[]): KubeConfig {
  const kubeConfig = new KubeConfigImpersonating(user, groups, deadlineOf(console.kubeConfig));
  const source = console.kubeConfig;
  kubeConfig.loadFromOptions({
    clusters: source.getClusters(),
    users: source.getUsers(),
    contexts: source.getContexts(),
    currentContext: source.getCurrentContext(),
  });
  return kubeConfig;
}

/**
 * The console's connection, acting as `identity` for every call that is not a cached read.
 * `console` returns the console's own connection unchanged.
 */
export function connectionAs(console: KubeConnection, identity: KubeIdentity): KubeConnection {
  if (identity.kind === "console") return console;
  const reads = console.readsThrough ?? console;
  if (identity.kind === "bearer") {
    const cluster = console.kubeConfig.getCurrentCluster();
    // loadKubeConfig refuses a kubeconfig without a current cluster, so a loaded connection has one.
    if (!cluster) throw new Error(`The kubeconfig context "${console.context}" has no cluster`);
    return { ...console, kubeConfig: bearerKubeConfig(console, cluster, identity.token), readsThrough: reads };
  }
  return {
    ...console,
    kubeConfig: impersonatingKubeConfig(console, identity.user, identity.groups),
    readsThrough: reads,
  };
}
