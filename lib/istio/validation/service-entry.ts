/** istiod's ValidateServiceEntry: hosts, addresses, ports, and what each resolution mode allows. */
import type { ServiceEntrySpec } from "../types";
import {
  checkExportTo,
  checkLabels,
  isIpAddress,
  validateFqdn,
  validatePort,
  validatePortName,
  validateProtocol,
  validateWildcardDomain,
} from "./common-checks";
import { MESSAGES as M } from "./messages";
import type { Findings } from "./types";

const HTTP_OR_TLS = new Set(["HTTP", "HTTPS", "HTTP2", "GRPC", "GRPC-WEB", "TLS", "HTTP_PROXY"]);

export function checkServiceEntry(f: Findings, spec: ServiceEntrySpec, namespace: string | undefined): void {
  const hosts = spec.hosts ?? [];
  if (spec.workloadSelector && spec.endpoints) f.error("spec", M.seSelectorAndEndpoints());
  if (hosts.length === 0) f.error("spec/hosts", M.seNoHosts());
  hosts.forEach((h, i) => f.error(`spec/hosts[${i}]`, h === "*" ? M.seHostWildcard(h) : validateWildcardDomain(h)));

  const addresses = spec.addresses ?? [];
  const cidr = addresses.some((a) => a.includes("/"));
  const resolution = spec.resolution ?? "NONE";
  if (cidr && resolution !== "NONE" && resolution !== "STATIC") f.error("spec/addresses", M.seCidrResolution());

  const portNames = new Set<string>();
  const portNumbers = new Set<number>();
  (spec.ports ?? []).forEach((port, i) => {
    const at = `spec/ports[${i}]`;
    const name = port.name ?? "";
    if (portNames.has(name)) f.error(`${at}/name`, M.sePortNameDuplicate(name));
    if (portNumbers.has(port.number ?? 0)) f.error(`${at}/number`, M.sePortNumberDuplicate(port.number ?? 0));
    portNames.add(name);
    portNumbers.add(port.number ?? 0);
    if (port.targetPort !== undefined && port.targetPort !== 0)
      f.error(`${at}/targetPort`, validatePort(port.targetPort));
    f.error(`${at}/name`, validatePortName(name));
    f.error(`${at}/protocol`, validateProtocol(port.protocol));
    f.error(`${at}/number`, validatePort(port.number ?? 0));
  });

  const endpoints = spec.endpoints ?? [];
  switch (resolution) {
    case "NONE":
      if (endpoints.length > 0) f.error("spec/endpoints", M.seNoneWithEndpoints());
      break;
    case "STATIC":
      endpoints.forEach((ep, i) => {
        const addr = ep.address ?? "";
        if (addr === "") f.error(`spec/endpoints[${i}]/address`, M.weAddressRequired());
        else if (!addr.startsWith("unix://") && !isIpAddress(addr))
          f.error(`spec/endpoints[${i}]/address`, M.seEndpointIp(addr));
        for (const [name, number] of Object.entries(ep.ports ?? {})) {
          if (!portNames.has(name)) f.error(`spec/endpoints[${i}]/ports`, M.seEndpointPortUndefined(number));
        }
        checkLabels(f, `spec/endpoints[${i}]/labels`, ep.labels);
      });
      break;
    case "DNS":
    case "DNS_ROUND_ROBIN":
      if (endpoints.length === 0) {
        for (const h of hosts) if (validateFqdn(h)) f.error("spec/hosts", M.seDnsHostsFqdn(resolution));
      }
      if (resolution === "DNS_ROUND_ROBIN" && endpoints.length > 1)
        f.error("spec/endpoints", M.seRoundRobinEndpoints(resolution));
      endpoints.forEach((ep, i) => {
        const addr = ep.address ?? "";
        if (!isIpAddress(addr) && validateFqdn(addr))
          f.error(`spec/endpoints[${i}]/address`, M.seEndpointAddress(addr));
        for (const [name, number] of Object.entries(ep.ports ?? {})) {
          if (!portNames.has(name)) f.error(`spec/endpoints[${i}]/ports`, M.seEndpointPortUndefined(number));
        }
      });
      break;
    default:
      f.error("spec/resolution", M.seResolutionUnsupported(String(resolution)));
  }
  if (resolution !== "NONE" && hosts.length > 1) {
    if ((spec.ports ?? []).some((p) => !HTTP_OR_TLS.has((p.protocol ?? "").toUpperCase())))
      f.error("spec/ports", M.seMultipleHostsTcp());
  }
  checkExportTo(f, "spec/exportTo", namespace, spec.exportTo);
}
