/** istiod's ValidateWorkloadEntry: an address (IP, FQDN or unix socket) unless a network is named. */
import type { WorkloadEntrySpec } from "../types";
import { checkLabels, isIpAddress, validateFqdn, validatePort, validatePortName } from "./common-checks";
import { MESSAGES as M } from "./messages";
import type { Findings } from "./types";

export function checkWorkloadEntry(f: Findings, spec: WorkloadEntrySpec): void {
  const addr = spec.address ?? "";
  if (addr === "" && !spec.network) {
    f.error("spec/address", M.weAddressRequired());
    return;
  }
  if (addr !== "" && !addr.startsWith("unix://") && !isIpAddress(addr) && validateFqdn(addr))
    f.error("spec/address", M.seEndpointAddress(addr));
  for (const [name, port] of Object.entries(spec.ports ?? {})) {
    f.error("spec/ports", validatePortName(name));
    f.error("spec/ports", validatePort(port));
  }
  checkLabels(f, "spec/labels", spec.labels);
}
