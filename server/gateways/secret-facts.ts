/**
 * What a gateway would make of a Secret, reduced to facts that may leave the server: the key
 * names, which key pair Istio takes (`cert`+`key` first, else `tls.crt`+`tls.key`,
 * pilot/pkg/credentials/kube/secrets.go), the certificate's subject, names and dates, and
 * whether a CA bundle (`cacert` / `ca.crt`) is there. The bytes themselves stay here.
 */
import "server-only";
import { X509Certificate } from "node:crypto";
import type { CertificateFacts, SecretFacts } from "@/lib/contracts/gateways";
import type { SecretContent } from "@/server/adapters/kube/secrets";

const KEY_PAIRS = [
  ["cert", "key"],
  ["tls.crt", "tls.key"],
] as const;
const CA_KEYS = ["cacert", "ca.crt"] as const;

/** The first certificate of a PEM bundle (the leaf, as Envoy serves it). */
export function readCertificate(pem: Buffer): CertificateFacts {
  const certificate = new X509Certificate(pem);
  const dnsNames = (certificate.subjectAltName ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith("DNS:"))
    .map((entry) => entry.slice("DNS:".length));
  const commonName =
    certificate.subject
      .split("\n")
      .find((line) => line.startsWith("CN="))
      ?.slice(3) ?? null;
  return {
    subject: certificate.subject.split("\n").join(", "),
    issuer: certificate.issuer.split("\n").join(", "),
    dnsNames,
    commonName,
    notBefore: new Date(certificate.validFrom).toISOString(),
    notAfter: new Date(certificate.validTo).toISOString(),
  };
}

export function toSecretFacts(secret: SecretContent): Extract<SecretFacts, { state: "found" }> {
  const pair = KEY_PAIRS.find(([cert, key]) => secret.data.has(cert) && secret.data.has(key));
  const caKey = CA_KEYS.find((key) => secret.data.has(key)) ?? null;
  const base = {
    state: "found" as const,
    namespace: secret.namespace,
    name: secret.name,
    keys: [...secret.data.keys()].sort(),
    caKey,
  };
  if (!pair) return { ...base, certificateKey: null, certificate: null, certificateError: null };
  const pem = secret.data.get(pair[0]) ?? Buffer.alloc(0);
  try {
    return { ...base, certificateKey: pair[0], certificate: readCertificate(pem), certificateError: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...base, certificateKey: pair[0], certificate: null, certificateError: reason };
  }
}
