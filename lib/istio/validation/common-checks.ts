/**
 * Checks istiod applies to many kinds (hostnames, ports, durations, percentages,
 * destinations, selectors), each returning istiod's message or undefined.
 */
import { parseDurationMs } from "../duration";
import type { Destination, Percent } from "../types";
import { MESSAGES as M } from "./messages";
import { Findings } from "./types";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const WILDCARD_DNS1123_LABEL = /^(\*|\*?[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

export function isIpAddress(value: string): boolean {
  return IPV4.test(value) || (value.includes(":") && /^[0-9a-fA-F:.]+$/.test(value));
}

function checkDnsPreconditions(name: string): string | undefined {
  if (name.length > 255) return M.domainTooLong(name);
  if (name.length === 0) return M.emptyDomain();
  return undefined;
}

/** Labels of a domain; Istio tolerates uppercase here because it compares case-insensitively. */
function checkDnsLabels(domain: string): string | undefined {
  const parts = domain.split(".");
  const tld = parts[parts.length - 1] ?? "";
  if (tld !== "" && /^-?\d+$/.test(tld)) return M.domainNumericTld(domain, tld);
  for (let i = 0; i < parts.length; i++) {
    const label = parts[i] ?? "";
    if (i === parts.length - 1 && label === "") return undefined;
    if (!isDns1123Label(label.toLowerCase())) return M.domainLabelInvalid(domain, label);
  }
  return undefined;
}

export function validateFqdn(fqdn: string): string | undefined {
  return checkDnsPreconditions(fqdn) ?? checkDnsLabels(fqdn);
}

/** A host that may start with a wildcard label (`*.example.com`, `*`). */
export function validateWildcardDomain(domain: string): string | undefined {
  const pre = checkDnsPreconditions(domain);
  if (pre) return pre;
  const dot = domain.indexOf(".");
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!WILDCARD_DNS1123_LABEL.test(first)) return M.domainLabelInvalid(domain, first);
  return dot < 0 ? undefined : checkDnsLabels(domain.slice(dot + 1));
}

export function validatePort(port: number): string | undefined {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? undefined : M.portRange(port);
}

export function validatePortName(name: string): string | undefined {
  return isDns1123Label(name) ? undefined : M.portNameInvalid(name);
}

const PROTOCOLS = new Set([
  "HTTP",
  "HTTPS",
  "HTTP2",
  "HTTP_PROXY",
  "GRPC",
  "GRPC-WEB",
  "TCP",
  "TLS",
  "MONGO",
  "REDIS",
  "MYSQL",
  "UDP",
]);

export function isKnownProtocol(protocol: string): boolean {
  return PROTOCOLS.has(protocol.toUpperCase());
}

export function validateProtocol(protocol: string | undefined): string | undefined {
  if (!protocol || isKnownProtocol(protocol)) return undefined;
  return M.protocolUnsupported(protocol);
}

/** Every duration field: at least 1ms, millisecond precision. */
export function validateDuration(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ms = parseDurationMs(String(text));
  if (ms === undefined) return M.durationInvalid(String(text));
  if (ms < 1) return M.durationTooShort();
  if (!Number.isInteger(Math.round(ms * 1e6) / 1e6)) return M.durationPrecision();
  return undefined;
}

/** Fault percentages: 0, or 0.0001 to 100. */
export function validatePercentage(p: Percent | undefined): string | undefined {
  if (!p) return undefined;
  const v = p.value ?? 0;
  if (v < 0 || v > 100 || (v > 0 && v < 0.0001)) return M.percentageFraction(v);
  return undefined;
}

/** Integer percentages (outlier detection). */
export function validatePercent(v: number | undefined): string | undefined {
  if (v === undefined) return undefined;
  return v < 0 || v > 100 ? M.percentInt(v) : undefined;
}

export function validateSubsetName(name: string | undefined): string | undefined {
  if (!name) return M.subsetNameEmpty();
  return isDns1123Label(name) ? undefined : M.subsetNameInvalid(name);
}

export function checkDestination(f: Findings, path: string, destination: Destination | undefined): void {
  if (!destination) return;
  const host = destination.host ?? "";
  f.error(`${path}/host`, host === "*" ? M.destinationHostWildcard(host) : validateWildcardDomain(host));
  if (destination.subset !== undefined && destination.subset !== "")
    f.error(`${path}/subset`, validateSubsetName(destination.subset));
  if (destination.port?.number !== undefined) f.error(`${path}/port`, validatePort(destination.port.number));
}

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

export function checkLabels(f: Findings, path: string, labels: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (!LABEL_KEY.test(k)) f.error(path, M.labelKeyInvalid(k));
    if (!LABEL_VALUE.test(String(v)) || String(v).length > 63) f.error(path, M.labelValueInvalid(String(v)));
  }
}

/** security-style `selector.matchLabels`. */
export function checkWorkloadSelector(
  f: Findings,
  path: string,
  selector: { matchLabels?: Record<string, string> } | undefined,
): void {
  if (!selector) return;
  const labels = selector.matchLabels ?? {};
  for (const [k, v] of Object.entries(labels)) {
    if (k === "") f.error(`${path}/matchLabels`, M.selectorEmptyKey(`${k}=${v}`));
    if (k.includes("*") || String(v).includes("*")) f.error(`${path}/matchLabels`, M.selectorWildcard(`${k}=${v}`));
  }
  if (Object.keys(labels).length === 0) f.warn(path, M.selectorNoLabels());
}

export function checkGatewayNames(f: Findings, path: string, names: string[] | undefined): void {
  for (const [i, name] of (names ?? []).entries()) {
    const at = `${path}[${i}]`;
    const slash = name.indexOf("/");
    if (slash < 0) {
      if (name.includes(".")) {
        const parts = name.split(".");
        f.warn(at, M.gatewayLegacyName(name, `${parts[1] ?? ""}/${parts[0] ?? ""}`));
      }
      f.error(at, validateFqdn(name));
      return; // istiod stops at the first non-slash name
    }
    const ns = name.slice(0, slash);
    const gw = name.slice(slash + 1);
    if (ns === "" || gw === "") f.error(at, M.gatewayNameEmptyPart());
    if (!isDns1123Label(ns)) f.error(at, M.gatewayNamespaceInvalid(ns));
    if (!isDns1123Label(gw)) f.error(at, M.gatewayNameInvalid(gw));
  }
}

export function checkExportTo(
  f: Findings,
  path: string,
  namespace: string | undefined,
  exportTo: string[] | undefined,
): void {
  if (!exportTo || exportTo.length === 0) return;
  const seen = new Set<string>();
  for (const e of exportTo) {
    const key = e === "." ? (namespace ?? ".") : e;
    if (seen.has(key)) f.error(path, M.exportToDuplicate(e));
    seen.add(key);
  }
  if (seen.has("*") && exportTo.length > 1) f.error(path, M.exportToPublicMixed());
}

/** Host `a` matches `b` when equal or when one's wildcard covers the other (istio host.Name.Matches). */
export function hostsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const aw = a.startsWith("*");
  const bw = b.startsWith("*");
  if (aw && bw) return a.length > b.length ? a.endsWith(b.slice(1)) : b.endsWith(a.slice(1));
  if (aw) return b.endsWith(a.slice(1));
  if (bw) return a.endsWith(b.slice(1));
  return false;
}
