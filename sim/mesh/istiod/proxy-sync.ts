/**
 * Which proxies have acknowledged istiod's latest push. In a healthy mesh every proxy acks each push at once, so
 * only the exceptions are kept: a proxy made stale through the control API (PUT /control/proxies/NS/POD) keeps
 * acking the config version before the one it was made stale at, however far istiod's pushes move on — an Envoy
 * that stopped answering its xDS stream. Making it fresh again acks the latest push.
 */
export class ProxySync {
  /** `namespace/pod` → the last snapshot version the proxy acknowledged. */
  private readonly stale = new Map<string, number>();

  /** `currentVersion`: the snapshot version istiod has pushed now. */
  setStale(namespace: string, pod: string, stale: boolean, currentVersion: number): void {
    const key = `${namespace}/${pod}`;
    if (!stale) this.stale.delete(key);
    else if (!this.stale.has(key)) this.stale.set(key, currentVersion - 1);
  }

  /** The version the proxy last acked, or undefined when it acks every push (synced). */
  ackedVersion(namespace: string, pod: string): number | undefined {
    return this.stale.get(`${namespace}/${pod}`);
  }

  /** `namespace/pod` of every stale proxy, for the control API's state. */
  list(): string[] {
    return [...this.stale.keys()].sort();
  }

  clear(): void {
    this.stale.clear();
  }
}
