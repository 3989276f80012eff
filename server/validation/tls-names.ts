/**
 * Does a server certificate cover a host, as a TLS client checks it (RFC 6125): the DNS names
 * of its subjectAltName, or — only when it has none — its subject's CN; a `*.` name covers
 * exactly one label (`*.example.com` covers `a.example.com`, not `a.b.example.com` nor
 * `example.com`). A Gateway host that is itself a wildcard is covered only by the same
 * wildcard: no single name could answer for every host it admits.
 */
import "server-only";
import type { CertificateFacts } from "@/lib/contracts/gateways";

function nameCovers(name: string, host: string): boolean {
  const n = name.toLowerCase();
  if (n === host) return true;
  if (!n.startsWith("*.") || host.startsWith("*")) return false;
  const dot = host.indexOf(".");
  return dot > 0 && host.slice(dot) === n.slice(1);
}

export function certificateCoversHost(certificate: CertificateFacts, host: string): boolean {
  const names =
    certificate.dnsNames.length > 0 ? certificate.dnsNames : certificate.commonName ? [certificate.commonName] : [];
  return names.some((name) => nameCovers(name, host.toLowerCase()));
}
