/** istiod's ValidateGateway: servers, hosts of the form [ns/]host, ports, and TLS per protocol. */
import type { GatewayServer, GatewaySpec, ServerTLSSettings } from "../types";
import { isDns1123Label, isKnownProtocol, validatePort, validateWildcardDomain } from "./common-checks";
import { MESSAGES as M } from "./messages";
import type { Findings } from "./types";

const TLS_PROTOCOLS = new Set(["HTTPS", "TLS"]);
const HTTP_PROTOCOLS = new Set(["HTTP", "HTTP2", "GRPC", "GRPC-WEB", "HTTP_PROXY"]);

function checkServerHost(f: Findings, path: string, host: string): void {
  const slash = host.indexOf("/");
  if (slash >= 0) {
    const ns = host.slice(0, slash);
    const dns = host.slice(slash + 1);
    if (ns !== "*" && ns !== "." && !isDns1123Label(ns)) f.error(path, M.gatewayHostNamespace(host));
    if (dns !== "*") f.error(path, validateWildcardDomain(dns));
    return;
  }
  if (host !== "*") f.error(path, validateWildcardDomain(host));
}

function checkServerTls(f: Findings, path: string, tls: ServerTLSSettings): void {
  if (tls.mode === "ISTIO_MUTUAL" || tls.mode === "PASSTHROUGH" || tls.mode === "AUTO_PASSTHROUGH") return;
  if (tls.credentialName) return;
  if (tls.mode === "SIMPLE") {
    if (!tls.serverCertificate) f.error(path, M.simpleTlsCert());
    if (!tls.privateKey) f.error(path, M.simpleTlsKey());
  } else if (tls.mode === "MUTUAL" || tls.mode === "OPTIONAL_MUTUAL") {
    if (!tls.serverCertificate) f.error(path, M.mutualTlsServerCert());
    if (!tls.privateKey) f.error(path, M.mutualTlsServerKey());
    if (!tls.caCertificates) f.error(path, M.mutualTlsCaBundle());
  }
}

function checkServer(f: Findings, path: string, server: GatewayServer): void {
  const hosts = server.hosts ?? [];
  if (hosts.length === 0) f.error(`${path}/hosts`, M.serverNoHosts());
  hosts.forEach((h, i) => checkServerHost(f, `${path}/hosts[${i}]`, h));
  const port = server.port;
  let portOk = true;
  if (!port) {
    f.error(`${path}/port`, M.serverPortRequired());
    portOk = false;
  } else {
    if (!isKnownProtocol(port.protocol ?? "")) {
      f.error(`${path}/port/protocol`, M.serverProtocolInvalid(port.protocol ?? ""));
      portOk = false;
    }
    const portErr = validatePort(port.number ?? 0);
    if (portErr) portOk = false;
    f.error(`${path}/port/number`, portErr);
    if ((port.targetPort ?? 0) > 0) f.error(`${path}/port/targetPort`, M.serverTargetPort());
    if (!port.name)
      f.error(
        `${path}/port/name`,
        M.serverPortNameRequired(`number:${port.number ?? 0} protocol:"${port.protocol ?? ""}"`),
      );
  }
  if (server.tls) checkServerTls(f, `${path}/tls`, server.tls);
  if (portOk && port) {
    const protocol = (port.protocol ?? "").toUpperCase();
    if (TLS_PROTOCOLS.has(protocol) && !server.tls) f.error(`${path}/tls`, M.serverTlsRequired());
    else if (!TLS_PROTOCOLS.has(protocol) && server.tls) {
      if (HTTP_PROTOCOLS.has(protocol)) {
        const onlyRedirect =
          !server.tls.mode && !server.tls.caCertificates && !server.tls.privateKey && !server.tls.serverCertificate;
        if (!onlyRedirect) f.error(`${path}/tls`, M.serverTlsOnPlainHttp());
      } else {
        f.error(`${path}/tls`, M.serverTlsOnNonTls());
      }
    }
  }
}

export function checkGateway(f: Findings, spec: GatewaySpec, name: string | undefined): void {
  if (name !== undefined && !isDns1123Label(name)) f.error("metadata/name", M.gatewayNameDns(name));
  const servers = spec.servers ?? [];
  if (servers.length === 0) f.error("spec/servers", M.gatewayNoServers());
  servers.forEach((s, i) => checkServer(f, `spec/servers[${i}]`, s));
  const portNames = new Set<string>();
  servers.forEach((s, i) => {
    if (!s.port) return;
    const portName = s.port.name ?? "";
    if (portNames.has(portName)) f.error(`spec/servers[${i}]/port/name`, M.serverPortNamesUnique(portName));
    portNames.add(portName);
    if (!HTTP_PROTOCOLS.has((s.port.protocol ?? "").toUpperCase()) && s.tls?.httpsRedirect)
      f.warn(`spec/servers[${i}]/tls`, M.httpsRedirectOnNonHttp());
  });
}
