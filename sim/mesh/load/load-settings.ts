/** How much traffic enters the mesh, per entry point. */

export const ENTRY_POINTS = [
  "bookinfo-ingress",
  "fortio",
  "tcp-client",
  "synthetic",
  "grpc-client",
  "external",
] as const;
export type EntryPointName = (typeof ENTRY_POINTS)[number];

/** How the external entry point's curl calls its host, and the port curl uses for each when none is given. */
export const EXTERNAL_SCHEME_PORTS = { http: 80, https: 443 } as const;
export type ExternalScheme = keyof typeof EXTERNAL_SCHEME_PORTS;

export interface EntryPointLoad {
  /**
   * bookinfo-ingress: Poisson arrivals per second; fortio: total qps across its
   * connections (0 = each connection back to back, fortio's `-qps 0`); tcp-client: new
   * connections per second; synthetic: requests per second per synthetic service, counted
   * over all hops (so the mesh of `--scale 1000` carries ~1,000 requests/s at 1);
   * grpc-client: gRPC calls per second from the grpc-echo scenario's client; external: calls
   * per second from the egress tasks' curl pod to `host`.
   */
  requestsPerSecond: number;
  /** fortio's concurrent connections (`-c`). */
  connections: number;
  /** Share of bookinfo sessions logged in as jason (header `end-user: jason`). */
  jasonShare: number;
  /**
   * external only: `http` (the app's plain request, which its sidecar reads) or `https` (TLS from
   * the app, which its sidecar only routes by SNI); the host outside the mesh, its port and path.
   */
  scheme?: ExternalScheme;
  host?: string;
  port?: number;
  path?: string;
}

export type LoadSettings = Record<EntryPointName, EntryPointLoad>;
export type LoadOverrides = { [K in EntryPointName]?: Partial<EntryPointLoad> };

export const DEFAULT_LOAD: LoadSettings = {
  "bookinfo-ingress": { requestsPerSecond: 20, connections: 1, jasonShare: 0.1 },
  fortio: { requestsPerSecond: 5, connections: 1, jasonShare: 0 },
  "tcp-client": { requestsPerSecond: 3, connections: 1, jasonShare: 0 },
  synthetic: { requestsPerSecond: 1, connections: 1, jasonShare: 0 },
  "grpc-client": { requestsPerSecond: 10, connections: 1, jasonShare: 0 },
  // Off until asked for: the egress tasks start with no external calls.
  external: {
    requestsPerSecond: 0,
    connections: 1,
    jasonShare: 0,
    scheme: "http",
    host: "httpbin.org",
    port: 80,
    path: "/headers",
  },
};

export function mergeLoad(base: LoadSettings, overrides: LoadOverrides | undefined): LoadSettings {
  const out = structuredClone(base);
  for (const name of ENTRY_POINTS) Object.assign(out[name], overrides?.[name] ?? {});
  return out;
}
