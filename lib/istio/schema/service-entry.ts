/** ServiceEntry `spec` as Istio's CRD declares it (networking.istio.io/v1, read 2026). */
import { list, obj, str, strings, type FieldSchema } from "./field-schema";
import { port, workloadLabelsSelector } from "./common-fields";
import { workloadEntrySpecSchema } from "./workload-entry";

export const serviceEntrySpecSchema: FieldSchema = obj({
  hosts: strings,
  addresses: strings,
  ports: list(port),
  location: str,
  resolution: str,
  endpoints: list(workloadEntrySpecSchema),
  workloadSelector: workloadLabelsSelector,
  exportTo: strings,
  subjectAltNames: strings,
});
