/**
 * Every message the validators emit, worded exactly as istiod's validating webhook words it
 * (istio/istio pkg/config/validation, read 2026). One table, so a wording fix is one row and
 * the console, the simulator and the tests all agree.
 */
import { goF, goQ, goV } from "./go-format";

export const MESSAGES = {
  // hosts and names
  emptyDomain: () => "empty domain name not allowed",
  domainTooLong: (d: string) => `domain name ${goQ(d)} too long (max 255)`,
  domainLabelInvalid: (d: string, label: string) => `domain name ${goQ(d)} invalid (label ${goQ(label)} invalid)`,
  domainNumericTld: (d: string, tld: string) =>
    `domain name ${goQ(d)} invalid (top level domain ${goQ(tld)} cannot be all-numeric)`,
  portRange: (p: number) => `port number ${goV(p)} must be in the range 1..65535`,
  portNameInvalid: (n: string) => `invalid port name: ${n}`,
  protocolUnsupported: (p: string) => `unsupported protocol: ${p}`,
  gatewayNameEmptyPart: () => "config namespace and gateway name cannot be empty",
  gatewayNamespaceInvalid: (ns: string) => `invalid value for namespace: ${goQ(ns)}`,
  gatewayNameInvalid: (n: string) => `invalid value for gateway name: ${goQ(n)}`,
  gatewayLegacyName: (n: string, recommended: string) =>
    `using legacy gatewayName format ${goQ(n)}; prefer the <namespace>/<name> format: ${goQ(recommended)}`,
  labelKeyInvalid: (k: string) => `invalid label key: ${goQ(k)}`,
  labelValueInvalid: (v: string) => `invalid tag value: ${goQ(v)}`,
  selectorEmptyKey: (kv: string) => `empty key is not supported in selector: ${goQ(kv)}`,
  selectorWildcard: (kv: string) => `wildcard is not supported in selector: ${goQ(kv)}`,
  selectorNoLabels: () => "workload selector specified without labels",
  exportToDuplicate: (e: string) => `duplicate entries in exportTo for entry ${e}`,
  exportToPublicMixed: () => "cannot have both public (*) and non-public exportTo values for a resource",

  // durations and percentages
  durationTooShort: () => "duration must be greater than 1ms",
  durationPrecision: () => "only durations to ms precision are supported",
  durationInvalid: (d: string) => `time: invalid duration ${goQ(d)}`,
  percentageFraction: (v: number) => `percentage ${goV(v)} is neither 0.0, nor in range [0.0001, 100.0]`,
  percentInt: (v: number) => `percentage ${goV(v)} is not in range 0..100`,

  // VirtualService
  vsNoRoutes: () => "http, tcp or tls must be provided in virtual service",
  vsDuplicateHosts: (a: string, b: string) => `duplicate hosts in virtual service: ${a} & ${b}`,
  vsMeshWildcard: () => "wildcard host * is not allowed for virtual services bound to the mesh gateway",
  vsDelegateGateways: () => "delegate virtual service must have no gateways specified",
  vsDelegateTls: () => "delegate virtual service must have no tls route specified",
  vsDelegateTcp: () => "delegate virtual service must have no tcp route specified",
  httpRouteNull: () => "http route may not be null",
  httpRouteRequired: () => "HTTP route, redirect or direct_response is required",
  httpRouteAndRedirect: () => "HTTP route cannot contain both route and redirect",
  httpFaultAndRedirect: () => "HTTP route cannot contain both fault and redirect",
  httpRewriteAndRedirect: () => "HTTP route rule cannot contain both rewrite and redirect",
  httpDirectAndRedirect: () => "HTTP route rule cannot contain both direct_response and redirect",
  httpRouteAndDirect: () => "HTTP route cannot contain both route and direct_response",
  httpFaultAndDirect: () => "HTTP route cannot contain both fault and direct_response",
  httpRewriteAndDirect: () => "HTTP route rule cannot contain both rewrite and direct_response",
  httpMirrorAndMirrors: () => "HTTP route cannot contain both mirror and mirrors",
  rootRouteRedirect: (name: string) => `root HTTP route ${name} must not specify redirect`,
  rootRouteRoute: (name: string) => `root HTTP route ${name} must not specify route`,
  headerNameEmpty: () => "header name cannot be empty",
  headerNameInvalid: (n: string) => `header name ${n} is not a valid header name`,
  stringMatchEmptyPrefix: (where: string) => `${goQ(where)}: prefix string match should not be empty`,
  stringMatchEmptyRegex: (where: string) => `${goQ(where)}: regex string match should not be empty`,
  stringMatchRegexTooLarge: (where: string) => `${goQ(where)}: regex is too large, max length allowed is 1024`,
  regexInvalid: (where: string, goError: string) =>
    `${goQ(where)}: ${goError}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)`,
  corsMaxAgeSeconds: () => "max_age duration is accurate only to seconds precision",
  corsOriginEmpty: () => "'' is not a valid match type for CORS allow origins",
  uriRegexRewriteIncomplete: () => "UriRegexRewrite requires both Rewrite and Match fields to be specified",
  /** errors.Join(errors.New("UriRegexRewrite has errors"), err): joined by a newline. */
  uriRegexRewriteErrors: (inner: string) => `UriRegexRewrite has errors\n${inner}`,
  sourceNamespaceInvalid: (ns: string) => `sourceNamespace match ${ns} is invalid`,
  weightNil: () => "weight may not be nil",
  destinationRequired: () => "destination is required",
  weightNegative: (w: number) => `weight ${goV(w)} < 0`,
  totalWeightZero: () => "total destination weight = 0",
  destinationHostWildcard: (h: string) => `invalid destination host ${h}`,
  subsetNameEmpty: () => "subset name cannot be empty",
  subsetNameInvalid: (n: string) => `subset name is invalid: ${n}`,
  faultEmpty: () => "HTTP fault injection must have an abort and/or a delay",
  httpStatusRange: (s: number) => `HTTP status ${goV(s)} is not in range 200-599`,
  abortNoErrorType: () => "abort configured, but error type not set",
  abortHttp2Unsupported: () => "HTTP/2 abort fault injection not supported yet",
  exponentialDelayUnsupported: () => "exponentialDelay not supported yet",
  attemptsNegative: () => "attempts cannot be negative",
  retryPolicyWithZeroAttempts: () => "http retry policy configured when attempts are set to 0 (disabled)",
  retryOnInvalid: (p: string) => `${goQ(p)} is not a valid retryOn policy`,
  mirrorPercentMax: (v: number) => `mirror_percent must have a max value of 100 (it has ${goV(v)})`,
  mirrorPercentDeprecated: () => `using deprecated setting "mirrorPercent", use "mirrorPercentage" instead`,
  mirrorPercentageMax: (v: number) => `mirror_percentage must have a max value of 100 (it has ${goF(v)})`,
  mirrorPercentageMin: (v: number) => `mirror_percentage must have a min value of 0 (it has ${goF(v)})`,
  mirrorsDestinationRequired: () => "destination is required for mirrors",
  mirrorsPercentageMax: (v: number) => `mirror percentage must have a max value of 100 (it has ${goF(v)})`,
  mirrorsPercentageMin: (v: number) => `mirror percentage must have a min value of 0 (it has ${goF(v)})`,
  redirectEmpty: () => "redirect must specify URI, authority, scheme, or port",
  redirectCode: (c: number) => `${goV(c)} is not a valid redirect code, must be 3xx`,
  redirectScheme: () => `invalid redirect scheme, must be "http" or "https"`,
  rewriteBoth: () => "rewrite may only contain one of URI or UriRegexRewrite",
  rewriteEmpty: () =>
    "rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified",
  tcpRouteRequired: () => "TCP route is required",
  tlsRouteRequired: () => "TLS route is required",
  tlsMatchRequired: () => "TLS route must have at least one match condition",
  tlsSniRequired: () => "TLS match must have at least one SNI host",
  sniNotSubset: (sni: string, hosts: string[]) =>
    `SNI host ${goQ(sni)} is not a compatible subset of any of the virtual service hosts: [${hosts.join(", ")}]`,
  ruleNotUsed: (rule: string, reason: string) => `virtualService rule ${rule} not used (${reason})`,
  matchNotUsed: (rule: string, match: string, dup: string) =>
    `virtualService rule ${rule} match ${match} is not used (duplicate/overlapping match in rule ${dup})`,

  // DestinationRule
  drDuplicateSubset: (n: string) => `duplicate subset names: ${n}`,
  subsetNull: () => "subset may not be null",
  trafficPolicyEmpty: () => "traffic policy must have at least one field",
  tunnelAndProxyProtocol: () => "tunnel and proxyProtocol must not be set together",
  connectionPoolEmpty: () => "connection pool must have at least one field",
  http1MaxPendingNegative: () => "http1 max pending requests must be non-negative",
  http2MaxRequestsNegative: () => "http2 max requests must be non-negative",
  maxRequestsPerConnectionNegative: () => "max requests per connection must be non-negative",
  maxRetriesNegative: () => "max retries must be non-negative",
  clientProtocolWithUpgrade: () => "use client protocol must not be true when H2UpgradePolicy is UPGRADE",
  maxConcurrentStreamsNegative: () => "max concurrent streams must be non-negative",
  maxConnectionsNegative: () => "max connections must be non-negative",
  outlierConsecutiveErrorsDeprecated: () =>
    "outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead",
  outlierLocalOriginWithoutSplit: () =>
    "outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false",
  httpCookieName: () => "name required for HttpCookie",
  minimumRingSizeDeprecated: () =>
    "consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead",
  portTrafficPolicyPort: () => "portTrafficPolicy must have valid port",
  portTrafficPolicyEmpty: () => "port traffic policy must have at least one field",
  mutualTlsClientCert: () => "client certificate required for mutual tls",
  mutualTlsPrivateKey: () => "private key required for mutual tls",
  credentialNameWithCerts: () =>
    "cannot specify client certificates or CA certificate or CA CRL If credentialName is set",

  // Gateway
  gatewayNoServers: () => "gateway must have at least one server",
  gatewayNameDns: (n: string) => `invalid gateway name: ${goQ(n)}`,
  serverNoHosts: () => "server config must contain at least one host",
  serverPortRequired: () => "port is required",
  serverProtocolInvalid: (p: string) =>
    `invalid protocol ${goQ(p)}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP`,
  serverPortNameRequired: (port: string) => `port name must be set: ${port}`,
  serverTargetPort: () => "targetPort has no impact on Gateways",
  serverPortNamesUnique: (n: string) => `port names in servers must be unique: duplicate name ${n}`,
  serverTlsRequired: () => "server must have TLS settings for HTTPS/TLS protocols",
  serverTlsOnPlainHttp: () => "server cannot have TLS settings for plain text HTTP ports",
  serverTlsOnNonTls: () => "server cannot have TLS settings for non HTTPS/TLS ports",
  httpsRedirectOnNonHttp: () => "tls.httpsRedirect should only be used with http servers",
  simpleTlsCert: () => "SIMPLE TLS requires a server certificate",
  simpleTlsKey: () => "SIMPLE TLS requires a private key",
  mutualTlsServerCert: () => "MUTUAL TLS requires a server certificate",
  mutualTlsServerKey: () => "MUTUAL TLS requires a private key",
  mutualTlsCaBundle: () => "MUTUAL TLS requires a client CA bundle",
  gatewayHostNamespace: (h: string) => `host must be of form namespace/dnsName: ${h}`,

  // ServiceEntry
  seNoHosts: () => "service entry must have at least one host",
  seHostWildcard: (h: string) => `invalid host ${h}`,
  sePortNameDuplicate: (n: string) => `service entry port name ${goQ(n)} already defined`,
  sePortNumberDuplicate: (p: number) => `service entry port ${goV(p)} already defined`,
  seCidrResolution: () => "CIDR addresses are allowed only for NONE/STATIC resolution types",
  seNoneWithEndpoints: () => "no endpoints should be provided for resolution type none",
  seDnsHostsFqdn: (r: string) => `hosts must be FQDN if no endpoints are provided for resolution mode ${r}`,
  seRoundRobinEndpoints: (r: string) => `there must only be 0 or 1 endpoint for resolution mode ${r}`,
  seMultipleHostsTcp: () => "multiple hosts provided with non-HTTP, non-TLS ports",
  seSelectorAndEndpoints: () => "only one of WorkloadSelector or Endpoints is allowed in Service Entry",
  seTcpNeedsAddress: () =>
    "addresses are required for ports serving TCP (or unset) protocol when ISTIO_META_DNS_AUTO_ALLOCATE is not set on a proxy",
  seResolutionUnsupported: (r: string) => `unsupported resolution type ${r}`,
  seEndpointPortUndefined: (p: number) => `endpoint port ${goV(p)} is not defined by the service entry`,
  seEndpointAddress: (a: string) => `endpoint address ${goQ(a)} is not a valid FQDN or an IP address`,
  seEndpointIp: (a: string) => `endpoint address ${goQ(a)} is not a valid IP address`,
  weAddressRequired: () => "address is required",

  // PeerAuthentication
  paPortLevelWithoutSelector: () => "mesh/namespace peer authentication cannot have port level mTLS",
  paPortLevelEmpty: () => "port level mTLS, if defined, must have at least one element",
  paPortRange: () => "port must be in range 1..65535",

  // AuthorizationPolicy / RequestAuthentication
  apOneSelectorType: () => "only one of targetRefs or workloadSelector can be set",
  apDenyWithoutRules: () =>
    "DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request",
  apCustomWithoutRules: () =>
    "CUSTOM action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request",
  apProviderName: () => "`provider.name` must not be empty",
  apProviderWithoutCustom: (action: string) => `\`provider\` must not be with non CUSTOM action, found ${action}`,
  apFromEmpty: (i: number) => `\`from\` must not be empty, found at rule ${i}`,
  apFromSourceNil: (i: number) => `\`from.source\` must not be nil, found at rule ${i}`,
  apFromSourceEmpty: (i: number) => `\`from.source\` must not be empty, found at rule ${i}`,
  apToEmpty: (i: number) => `\`to\` must not be empty, found at rule ${i}`,
  apToOperationNil: (i: number) => `\`to.operation\` must not be nil, found at rule ${i}`,
  apToOperationEmpty: (i: number) => `\`to.operation\` must not be empty, found at rule ${i}`,
  apWhenKeyEmpty: () => "`key` must not be empty",
  apWhenValues: (key: string) => `at least one of \`values\` or \`notValues\` must be set for key ${key}`,
  apEmptyValue: (field: string) => `empty value not allowed, found in ${field}`,
  apPolicyPrefix: (name: string, ns: string) => `invalid policy ${name}.${ns}:`,
  apDenyHttpOnly: () =>
    "configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port",
  raIssuer: () => "issuer must be set",
  raAudience: () => "audience must be non-empty string",
  raHeaderName: () => "location header name must be non-empty string",
  raQuery: () => "location query must be non-empty string",
  raCookie: () => "cookie name must be non-empty string",
  targetRefName: () => "targetRef name must be set",
  targetRefNamespace: () => "targetRef namespace must not be set; cross namespace referencing is not supported",

  // Sidecar
  sidecarEmpty: () => "sidecar: empty configuration provided",
  sidecarEgressHosts: () => "sidecar: egress listener must contain at least one host",
  sidecarIngressPort: () => "sidecar: port is required for ingress listeners",
  sidecarCatchAllLast: () => "sidecar: the egress listener with empty port should be the last listener in the list",
  sidecarSelectorNoLabels: () =>
    "sidecar: workload selector specified without labels, will be applied to all services in namespace",

  // metadata
  alwaysReject: () => `"istio.io/alwaysReject" annotation found, rejecting`,
} as const;
