/**
 * WorkloadGroup `spec` as Istio's CRD declares it (networking.istio.io/v1,
 * read 2026): probe timings are int32, ports uint32.
 */
import { int32, list, obj, str, stringMap, strings, uint, type FieldSchema } from "./field-schema";
import { workloadEntrySpecSchema } from "./workload-entry";

const readinessProbe = obj({
  initialDelaySeconds: int32,
  timeoutSeconds: int32,
  periodSeconds: int32,
  successThreshold: int32,
  failureThreshold: int32,
  httpGet: obj({ path: str, port: uint, host: str, scheme: str, httpHeaders: list(obj({ name: str, value: str })) }),
  tcpSocket: obj({ host: str, port: uint }),
  exec: obj({ command: strings }),
  grpc: obj({ port: uint, service: str }),
});

export const workloadGroupSpecSchema: FieldSchema = obj({
  metadata: obj({ labels: stringMap, annotations: stringMap }),
  template: workloadEntrySpecSchema,
  probe: readinessProbe,
});
