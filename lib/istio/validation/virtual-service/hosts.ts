/** VirtualService hosts, gateways and the "at least one route list" rule. */
import type { VirtualServiceSpec } from "../../types";
import { checkGatewayNames, hostsMatch, isIpAddress, validateWildcardDomain } from "../common-checks";
import { MESSAGES as M } from "../messages";
import type { Findings } from "../types";

const MESH_GATEWAY = "mesh";

export function appliesToGateway(spec: VirtualServiceSpec): boolean {
  const gateways = spec.gateways ?? [];
  return gateways.length > 0 && !gateways.includes(MESH_GATEWAY);
}

export function checkVirtualServiceHosts(f: Findings, spec: VirtualServiceSpec): void {
  const hosts = spec.hosts ?? [];
  if (hosts.length === 0) {
    if ((spec.gateways ?? []).length > 0) f.error("spec/gateways", M.vsDelegateGateways());
    if ((spec.tls ?? []).length > 0) f.error("spec/tls", M.vsDelegateTls());
    if ((spec.tcp ?? []).length > 0) f.error("spec/tcp", M.vsDelegateTcp());
  }
  if ((spec.gateways ?? []).length > 0) checkGatewayNames(f, "spec/gateways", spec.gateways);
  const toMesh = !appliesToGateway(spec);

  let allValid = true;
  hosts.forEach((host, i) => {
    const err = validateWildcardDomain(host);
    if (err) {
      if (!isIpAddress(host)) {
        f.error(`spec/hosts[${i}]`, err);
        allValid = false;
      }
    } else if (toMesh && host === "*") {
      f.error(`spec/hosts[${i}]`, M.vsMeshWildcard());
      allValid = false;
    }
  });
  if (allValid) {
    for (let i = 0; i < hosts.length; i++) {
      for (let j = i + 1; j < hosts.length; j++) {
        const a = hosts[i] as string;
        const b = hosts[j] as string;
        if (hostsMatch(a, b)) f.error(`spec/hosts[${j}]`, M.vsDuplicateHosts(a, b));
      }
    }
  }
  if ((spec.http ?? []).length === 0 && (spec.tcp ?? []).length === 0 && (spec.tls ?? []).length === 0) {
    f.error("spec", M.vsNoRoutes());
  }
}
