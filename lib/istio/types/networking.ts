/**
 * networking.istio.io/v1 kinds. Field names follow istio/api's proto JSON; only the fields
 * Topsail reads, writes or validates are spelled out, the rest pass through untouched.
 */
import type { Duration, IstioObject, Percent, PortSelector, StringMatch, WorkloadSelector } from "./common";

export interface Destination {
  host?: string;
  subset?: string;
  port?: PortSelector;
}

export interface HeaderOperations {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
}

export interface Headers {
  request?: HeaderOperations;
  response?: HeaderOperations;
}

export interface HTTPRouteDestination {
  destination?: Destination;
  weight?: number;
  headers?: Headers;
}

export interface RouteDestination {
  destination?: Destination;
  weight?: number;
}

export interface HTTPMatchRequest {
  name?: string;
  uri?: StringMatch;
  scheme?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  withoutHeaders?: Record<string, StringMatch>;
  queryParams?: Record<string, StringMatch>;
  port?: number;
  sourceLabels?: Record<string, string>;
  gateways?: string[];
  sourceNamespace?: string;
  ignoreUriCase?: boolean;
}

export interface HTTPFaultInjection {
  delay?: { fixedDelay?: Duration; exponentialDelay?: Duration; percentage?: Percent; percent?: number };
  abort?: { httpStatus?: number; grpcStatus?: string; http2Error?: string; percentage?: Percent };
}

export interface HTTPRetry {
  attempts?: number;
  perTryTimeout?: Duration;
  retryOn?: string;
  retryRemoteLocalities?: boolean;
  backoff?: Duration;
}

export interface HTTPRedirect {
  uri?: string;
  authority?: string;
  port?: number;
  derivePort?: string;
  scheme?: string;
  redirectCode?: number;
}

export interface HTTPRewrite {
  uri?: string;
  authority?: string;
  uriRegexRewrite?: { match?: string; rewrite?: string };
}

export interface HTTPMirrorPolicy {
  destination?: Destination;
  percentage?: Percent;
}

export interface HTTPRoute {
  name?: string;
  match?: HTTPMatchRequest[];
  route?: HTTPRouteDestination[];
  redirect?: HTTPRedirect;
  directResponse?: { status?: number; body?: { string?: string; bytes?: string } };
  delegate?: { name?: string; namespace?: string };
  rewrite?: HTTPRewrite;
  timeout?: Duration;
  retries?: HTTPRetry;
  fault?: HTTPFaultInjection;
  mirror?: Destination;
  mirrors?: HTTPMirrorPolicy[];
  mirrorPercent?: number;
  mirrorPercentage?: Percent;
  corsPolicy?: Record<string, unknown>;
  headers?: Headers;
}

export interface L4MatchAttributes {
  destinationSubnets?: string[];
  port?: number;
  sourceLabels?: Record<string, string>;
  gateways?: string[];
  sourceNamespace?: string;
}

export interface TCPRoute {
  match?: L4MatchAttributes[];
  route?: RouteDestination[];
}

export interface TLSMatchAttributes extends L4MatchAttributes {
  sniHosts?: string[];
}

export interface TLSRoute {
  match?: TLSMatchAttributes[];
  route?: RouteDestination[];
}

export interface VirtualServiceSpec {
  hosts?: string[];
  gateways?: string[];
  http?: HTTPRoute[];
  tls?: TLSRoute[];
  tcp?: TCPRoute[];
  exportTo?: string[];
}

export type TLSMode = "DISABLE" | "SIMPLE" | "MUTUAL" | "ISTIO_MUTUAL";

export interface ClientTLSSettings {
  mode?: TLSMode;
  clientCertificate?: string;
  privateKey?: string;
  caCertificates?: string;
  credentialName?: string;
  subjectAltNames?: string[];
  sni?: string;
  insecureSkipVerify?: boolean;
}

export interface ConnectionPoolSettings {
  tcp?: {
    maxConnections?: number;
    connectTimeout?: Duration;
    maxConnectionDuration?: Duration;
    idleTimeout?: Duration;
    tcpKeepalive?: { time?: Duration; interval?: Duration; probes?: number };
  };
  http?: {
    http1MaxPendingRequests?: number;
    http2MaxRequests?: number;
    maxRequestsPerConnection?: number;
    maxRetries?: number;
    idleTimeout?: Duration;
    h2UpgradePolicy?: "DEFAULT" | "DO_NOT_UPGRADE" | "UPGRADE";
    useClientProtocol?: boolean;
    maxConcurrentStreams?: number;
  };
}

export interface OutlierDetection {
  consecutiveErrors?: number;
  consecutive5xxErrors?: number;
  consecutiveGatewayErrors?: number;
  consecutiveLocalOriginFailures?: number;
  splitExternalLocalOriginErrors?: boolean;
  interval?: Duration;
  baseEjectionTime?: Duration;
  maxEjectionPercent?: number;
  minHealthPercent?: number;
}

export interface LoadBalancerSettings {
  simple?: "UNSPECIFIED" | "RANDOM" | "PASSTHROUGH" | "ROUND_ROBIN" | "LEAST_REQUEST" | "LEAST_CONN";
  consistentHash?: {
    httpHeaderName?: string;
    httpCookie?: { name?: string; path?: string; ttl?: Duration };
    useSourceIp?: boolean;
    httpQueryParameterName?: string;
    minimumRingSize?: number;
    ringHash?: { minimumRingSize?: number };
    maglev?: { tableSize?: number };
  };
  warmupDurationSecs?: Duration;
  localityLbSetting?: Record<string, unknown>;
}

export interface PortTrafficPolicy {
  port?: PortSelector;
  loadBalancer?: LoadBalancerSettings;
  connectionPool?: ConnectionPoolSettings;
  outlierDetection?: OutlierDetection;
  tls?: ClientTLSSettings;
}

export interface TrafficPolicy {
  loadBalancer?: LoadBalancerSettings;
  connectionPool?: ConnectionPoolSettings;
  outlierDetection?: OutlierDetection;
  tls?: ClientTLSSettings;
  portLevelSettings?: PortTrafficPolicy[];
  tunnel?: { protocol?: string; targetHost?: string; targetPort?: number };
  proxyProtocol?: { version?: number };
}

export interface Subset {
  name?: string;
  labels?: Record<string, string>;
  trafficPolicy?: TrafficPolicy;
}

export interface DestinationRuleSpec {
  host?: string;
  trafficPolicy?: TrafficPolicy;
  subsets?: Subset[];
  exportTo?: string[];
  workloadSelector?: WorkloadSelector;
}

export interface GatewayPort {
  number?: number;
  protocol?: string;
  name?: string;
  targetPort?: number;
}

export interface ServerTLSSettings {
  httpsRedirect?: boolean;
  mode?: "PASSTHROUGH" | "SIMPLE" | "MUTUAL" | "AUTO_PASSTHROUGH" | "ISTIO_MUTUAL" | "OPTIONAL_MUTUAL";
  serverCertificate?: string;
  privateKey?: string;
  caCertificates?: string;
  credentialName?: string;
  subjectAltNames?: string[];
}

export interface GatewayServer {
  port?: GatewayPort;
  bind?: string;
  hosts?: string[];
  tls?: ServerTLSSettings;
  name?: string;
}

export interface GatewaySpec {
  servers?: GatewayServer[];
  selector?: Record<string, string>;
}

export interface ServicePort {
  number?: number;
  protocol?: string;
  name?: string;
  targetPort?: number;
}

export interface WorkloadEntrySpec {
  address?: string;
  ports?: Record<string, number>;
  labels?: Record<string, string>;
  network?: string;
  locality?: string;
  weight?: number;
  serviceAccount?: string;
}

export type ServiceEntryResolution = "NONE" | "STATIC" | "DNS" | "DNS_ROUND_ROBIN";

export interface ServiceEntrySpec {
  hosts?: string[];
  addresses?: string[];
  ports?: ServicePort[];
  location?: "MESH_EXTERNAL" | "MESH_INTERNAL";
  resolution?: ServiceEntryResolution;
  endpoints?: WorkloadEntrySpec[];
  workloadSelector?: { labels?: Record<string, string> };
  exportTo?: string[];
  subjectAltNames?: string[];
}

export interface SidecarSpec {
  workloadSelector?: { labels?: Record<string, string> };
  ingress?: Array<{ port?: GatewayPort; bind?: string; defaultEndpoint?: string }>;
  egress?: Array<{ port?: GatewayPort; bind?: string; hosts?: string[] }>;
  outboundTrafficPolicy?: { mode?: "REGISTRY_ONLY" | "ALLOW_ANY" };
}

export type VirtualService = IstioObject<"VirtualService", VirtualServiceSpec>;
export type DestinationRule = IstioObject<"DestinationRule", DestinationRuleSpec>;
export type Gateway = IstioObject<"Gateway", GatewaySpec>;
export type ServiceEntry = IstioObject<"ServiceEntry", ServiceEntrySpec>;
export type Sidecar = IstioObject<"Sidecar", SidecarSpec>;
export type WorkloadEntry = IstioObject<"WorkloadEntry", WorkloadEntrySpec>;
