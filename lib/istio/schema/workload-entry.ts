/**
 * WorkloadEntry `spec` as Istio's CRD declares it (networking.istio.io/v1, read 2026). The same
 * message is a ServiceEntry's `endpoints[]` and a WorkloadGroup's `template`.
 */
import { mapOf, obj, str, stringMap, uint, type FieldSchema } from "./field-schema";

export const workloadEntrySpecSchema: FieldSchema = obj({
  address: str,
  ports: mapOf(uint),
  labels: stringMap,
  network: str,
  locality: str,
  weight: uint,
  serviceAccount: str,
});
