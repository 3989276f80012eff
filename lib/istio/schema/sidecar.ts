/** Sidecar `spec` as Istio's CRD declares it (networking.istio.io/v1, read 2026). */
import { list, obj, str, strings, type FieldSchema } from "./field-schema";
import { port, portSelector, workloadLabelsSelector } from "./common-fields";
import { connectionPoolSchema } from "./destination-rule";
import { serverTlsSchema } from "./gateway";

export const sidecarSpecSchema: FieldSchema = obj({
  workloadSelector: workloadLabelsSelector,
  ingress: list(
    obj({
      port,
      bind: str,
      captureMode: str,
      defaultEndpoint: str,
      tls: serverTlsSchema,
      connectionPool: connectionPoolSchema,
    }),
  ),
  egress: list(obj({ port, bind: str, captureMode: str, hosts: strings })),
  inboundConnectionPool: connectionPoolSchema,
  outboundTrafficPolicy: obj({ mode: str, egressProxy: obj({ host: str, subset: str, port: portSelector }) }),
});
