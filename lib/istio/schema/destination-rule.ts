/** DestinationRule `spec` as Istio's CRD declares it (networking.istio.io/v1, read 2026). */
import { bool, double, int32, list, mapOf, obj, str, stringMap, strings, uint, type FieldSchema } from "./field-schema";
import { matchLabelsSelector, portSelector } from "./common-fields";

const loadBalancer = obj({
  simple: str,
  consistentHash: obj({
    httpHeaderName: str,
    httpCookie: obj({ name: str, path: str, ttl: str, attributes: list(obj({ name: str, value: str })) }),
    useSourceIp: bool,
    httpQueryParameterName: str,
    ringHash: obj({ minimumRingSize: uint }),
    maglev: obj({ tableSize: uint }),
    minimumRingSize: uint,
  }),
  localityLbSetting: obj({
    distribute: list(obj({ from: str, to: mapOf(uint) })),
    failover: list(obj({ from: str, to: str })),
    failoverPriority: strings,
    enabled: bool,
  }),
  warmupDurationSecs: str,
  warmup: obj({ duration: str, minimumPercent: double, aggression: double }),
});

/** ConnectionPoolSettings: a DestinationRule's traffic policy, and a Sidecar's inbound pools. */
export const connectionPoolSchema = obj({
  tcp: obj({
    maxConnections: int32,
    connectTimeout: str,
    tcpKeepalive: obj({ probes: uint, time: str, interval: str }),
    maxConnectionDuration: str,
    idleTimeout: str,
  }),
  http: obj({
    http1MaxPendingRequests: int32,
    http2MaxRequests: int32,
    maxRequestsPerConnection: int32,
    maxRetries: int32,
    idleTimeout: str,
    h2UpgradePolicy: str,
    useClientProtocol: bool,
    maxConcurrentStreams: int32,
  }),
});

const outlierDetection = obj({
  splitExternalLocalOriginErrors: bool,
  consecutiveLocalOriginFailures: uint,
  consecutiveGatewayErrors: uint,
  consecutive5xxErrors: uint,
  interval: str,
  baseEjectionTime: str,
  maxEjectionPercent: int32,
  minHealthPercent: int32,
  consecutiveErrors: int32,
});

const clientTls = obj({
  mode: str,
  clientCertificate: str,
  privateKey: str,
  caCertificates: str,
  credentialName: str,
  subjectAltNames: strings,
  sni: str,
  insecureSkipVerify: bool,
  caCrl: str,
});

const portPolicy = { loadBalancer, connectionPool: connectionPoolSchema, outlierDetection, tls: clientTls };

const trafficPolicy = obj({
  ...portPolicy,
  portLevelSettings: list(obj({ port: portSelector, ...portPolicy })),
  tunnel: obj({ protocol: str, targetHost: str, targetPort: uint }),
  proxyProtocol: obj({ version: str }),
  retryBudget: obj({ percent: double, minRetryConcurrency: uint }),
});

export const destinationRuleSpecSchema: FieldSchema = obj({
  host: str,
  trafficPolicy,
  subsets: list(obj({ name: str, labels: stringMap, trafficPolicy })),
  exportTo: strings,
  workloadSelector: matchLabelsSelector,
});
