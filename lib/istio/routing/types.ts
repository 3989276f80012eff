/** The router's inputs and outputs: a request as the client proxy sees it, and what to do with it. */

export interface SourceContext {
  namespace: string;
  labels: Readonly<Record<string, string>>;
  /** `mesh` for a sidecar; for a gateway, the `namespace/name` of the Gateways that accepted the request. */
  gateways: readonly string[];
}

export interface HttpRequest {
  /** The authority: a service FQDN, an external host, or whatever an ingress client sent. */
  host: string;
  /** :authority as the caller wrote it (`reviews:9080`), for access logs; absent = `host[:port]`. */
  authority?: string;
  port: number;
  method: string;
  path: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  scheme?: string;
}

export interface DestinationRef {
  /** Qualified host (service FQDN or external host). */
  host: string;
  subset?: string;
  port?: number;
}

export interface FaultDecision {
  delayMs?: number;
  abortStatus?: number;
}

export interface RetryPolicy {
  /** Retries after the first try (Istio's `attempts`). */
  attempts: number;
  perTryTimeoutMs?: number;
  retryOn: ReadonlySet<string>;
  retriableStatusCodes: ReadonlySet<number>;
}

export interface RoutedDecision {
  kind: "route";
  destination: DestinationRef;
  fault: FaultDecision;
  timeoutMs?: number;
  retry: RetryPolicy;
  mirrors: DestinationRef[];
  /** `namespace/name` of the VirtualService that routed, if any. */
  virtualService?: string;
  /**
   * Envoy's route name (%ROUTE_NAME%): the VS http route's `name`, `default` without a VS,
   * absent for an unnamed rule.
   */
  routeName?: string;
}

export type HttpRouteDecision =
  | RoutedDecision
  /** A VirtualService covers the host but none of its rules matched: Envoy answers 404 NR. */
  | { kind: "noRoute"; virtualService: string }
  | { kind: "directResponse"; status: number; virtualService: string };

export type TcpRouteDecision =
  { kind: "route"; destination: DestinationRef; virtualService?: string } | { kind: "noRoute"; virtualService: string };

/** Uniform random in [0, 1): the router's only source of non-determinism, passed in. */
export type Random = () => number;
