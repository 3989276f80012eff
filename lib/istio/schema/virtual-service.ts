/** VirtualService `spec` as Istio's CRD declares it (networking.istio.io/v1, read 2026). */
import { bool, double, int32, list, mapOf, obj, str, stringMap, strings, uint, type FieldSchema } from "./field-schema";
import { portSelector } from "./common-fields";

const stringMatch = obj({ exact: str, prefix: str, regex: str });
const percent = obj({ value: double });
export const destinationSchema = obj({ host: str, subset: str, port: portSelector });
const headerOperations = obj({ set: stringMap, add: stringMap, remove: strings });
const headers = obj({ request: headerOperations, response: headerOperations });

const httpMatch = obj({
  name: str,
  uri: stringMatch,
  scheme: stringMatch,
  method: stringMatch,
  authority: stringMatch,
  headers: mapOf(stringMatch),
  port: uint,
  sourceLabels: stringMap,
  gateways: strings,
  queryParams: mapOf(stringMatch),
  ignoreUriCase: bool,
  withoutHeaders: mapOf(stringMatch),
  sourceNamespace: str,
  statPrefix: str,
});

const httpRoute = obj({
  name: str,
  match: list(httpMatch),
  route: list(obj({ destination: destinationSchema, weight: int32, headers })),
  redirect: obj({ uri: str, authority: str, port: uint, derivePort: str, scheme: str, redirectCode: uint }),
  directResponse: obj({ status: uint, body: obj({ string: str, bytes: str }) }),
  delegate: obj({ name: str, namespace: str }),
  rewrite: obj({ uri: str, authority: str, uriRegexRewrite: obj({ match: str, rewrite: str }) }),
  timeout: str,
  retries: obj({
    attempts: int32,
    perTryTimeout: str,
    retryOn: str,
    retryRemoteLocalities: bool,
    retryIgnorePreviousHosts: bool,
    backoff: str,
  }),
  fault: obj({
    delay: obj({ fixedDelay: str, exponentialDelay: str, percent: int32, percentage: percent }),
    abort: obj({ httpStatus: int32, grpcStatus: str, http2Error: str, percentage: percent }),
  }),
  mirror: destinationSchema,
  mirrors: list(obj({ destination: destinationSchema, percentage: percent })),
  mirrorPercent: uint,
  mirrorPercentage: percent,
  corsPolicy: obj({
    allowOrigin: strings,
    allowOrigins: list(stringMatch),
    allowMethods: strings,
    allowHeaders: strings,
    exposeHeaders: strings,
    maxAge: str,
    allowCredentials: bool,
    unmatchedPreflights: str,
  }),
  headers,
});

const routeDestination = obj({ destination: destinationSchema, weight: int32 });

export const virtualServiceSpecSchema: FieldSchema = obj({
  hosts: strings,
  gateways: strings,
  http: list(httpRoute),
  tls: list(
    obj({
      match: list(
        obj({
          sniHosts: strings,
          destinationSubnets: strings,
          port: uint,
          sourceLabels: stringMap,
          gateways: strings,
          sourceNamespace: str,
        }),
      ),
      route: list(routeDestination),
    }),
  ),
  tcp: list(
    obj({
      match: list(
        obj({
          destinationSubnets: strings,
          port: uint,
          sourceSubnet: str,
          sourceLabels: stringMap,
          gateways: strings,
          sourceNamespace: str,
        }),
      ),
      route: list(routeDestination),
    }),
  ),
  exportTo: strings,
});
