/**
 * The client of Istio's egress tasks: the `curl` (formerly `sleep`) sample pod calling a host
 * outside the mesh, `curl http://<host>:<port><path>`, as Poisson arrivals. Its sidecar routes
 * the call like any other, so what happens follows the cluster's config: a ServiceEntry for the
 * host, the mesh's outbound traffic policy (PassthroughCluster or BlackHoleCluster), or a
 * VirtualService through the egress gateway. With `scheme: "https"` curl speaks TLS itself: the
 * sidecar cannot read the request and only routes the connection by SNI (engine/external-tls.ts).
 */
import type { ConfigSnapshot, PodInfo } from "@/lib/istio/routing/snapshot";
import { openExternalTls } from "../engine/external-tls";
import { EXTERNAL_SCHEME_PORTS, type EntryPointLoad } from "./load-settings";
import { PoissonLoad } from "./poisson-source";

/** The task's client workload names, newest first; a pod with a sidecar wins over one without. */
const CLIENT_APPS = ["curl", "sleep"];
const USER_AGENT = "curl/8.11.1";

export const DEFAULT_EXTERNAL_TARGET = { scheme: "http", host: "httpbin.org", path: "/headers" } as const;

export function externalClientPod(snapshot: ConfigSnapshot): PodInfo | undefined {
  const candidates = snapshot.pods.filter((p) => p.ready && CLIENT_APPS.includes(p.labels.app ?? ""));
  return candidates.find((p) => p.hasSidecar) ?? candidates[0];
}

export class ExternalLoad extends PoissonLoad {
  protected arrive(load: EntryPointLoad): void {
    const { ctx } = this.g;
    const pod = externalClientPod(ctx.snapshot());
    if (!pod) return;
    const host = load.host ?? DEFAULT_EXTERNAL_TARGET.host;
    const scheme = load.scheme ?? DEFAULT_EXTERNAL_TARGET.scheme;
    const port = load.port ?? EXTERNAL_SCHEME_PORTS[scheme];
    if (scheme === "https") return openExternalTls(ctx, pod, host, port);
    ctx.sendHttp(
      { pod },
      {
        host,
        // curl leaves the default port out of Host.
        authority: port === 80 ? host : `${host}:${port}`,
        port,
        method: "GET",
        path: load.path ?? DEFAULT_EXTERNAL_TARGET.path,
        headers: { "user-agent": USER_AGENT },
      },
      () => undefined,
    );
  }
}
