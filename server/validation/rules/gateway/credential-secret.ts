/**
 * TOP0301–TOP0308: the credential Secret of each TLS server (SIMPLE, MUTUAL, OPTIONAL_MUTUAL
 * with `credentialName`), as the gateway pod would load it from its own namespace
 * (pilot/pkg/credentials/kube/secrets.go in Istio): present; keys `cert`+`key` or
 * `tls.crt`+`tls.key`; a certificate that parses, has not expired (warning within 30 days)
 * and covers each of the server's hosts; and for MUTUAL a CA from a `<name>-cacert` Secret
 * or the `cacert` / `ca.crt` key. Says nothing where the Secrets were not read (the shared
 * context: see ValidationContext.credentials).
 */
import "server-only";
import type { SecretFacts } from "@/lib/contracts/gateways";
import type { Gateway, GatewayServer } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import type { GatewayCredentials } from "../../context";
import { gatewayWorkloadNamespaces } from "../../gateway-workloads";
import { certificateCoversHost } from "../../tls-names";
import type { Rule, ValidationCheck } from "../../types";

const CREDENTIAL_MODES = new Set(["SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL"]);
const CLIENT_CA_MODES = new Set(["MUTUAL", "OPTIONAL_MUTUAL"]);
const SOON_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The credentialName of a server that loads one, else undefined. */
export function credentialNameOf(server: GatewayServer | undefined): string | undefined {
  const tls = server?.tls;
  if (!tls || typeof tls.credentialName !== "string" || tls.credentialName === "") return undefined;
  return CREDENTIAL_MODES.has(String(tls.mode)) ? tls.credentialName : undefined;
}

export function needsClientCa(server: GatewayServer | undefined): boolean {
  return CLIENT_CA_MODES.has(String(server?.tls?.mode));
}

function serverHosts(server: GatewayServer): { host: string; index: number }[] {
  const hosts = Array.isArray(server.hosts) ? server.hosts : [];
  return hosts.flatMap((entry, index) =>
    // The `ns/` part limits which VirtualServices bind; SNI sees the host alone.
    typeof entry === "string" ? [{ host: entry.slice(entry.indexOf("/") + 1).toLowerCase(), index }] : [],
  );
}

function certificateChecks(
  facts: Extract<SecretFacts, { state: "found" }>,
  server: GatewayServer,
  base: string,
  now: Date,
): ValidationCheck[] {
  const where = `${facts.namespace}/${facts.name}`;
  if (!facts.certificateKey) {
    return [
      buildCheck("TOP0302", `${base}/tls/credentialName`, {
        message: `${where}: found secret, but didn't have expected keys (cert and key) or (tls.crt and tls.key); found: ${facts.keys.join(", ")}`,
      }),
    ];
  }
  if (!facts.certificate) {
    return [
      buildCheck("TOP0303", `${base}/tls/credentialName`, {
        detail: `${where} key ${facts.certificateKey}: ${facts.certificateError ?? "not a PEM certificate"}`,
      }),
    ];
  }
  const checks: ValidationCheck[] = [];
  const notAfter = new Date(facts.certificate.notAfter);
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  if (notAfter.getTime() <= now.getTime()) {
    checks.push(
      buildCheck("TOP0304", `${base}/tls/credentialName`, {
        detail: `${where} expired on ${facts.certificate.notAfter}`,
      }),
    );
  } else if (daysLeft < SOON_DAYS) {
    checks.push(
      buildCheck("TOP0305", `${base}/tls/credentialName`, {
        detail: `${where} expires in ${daysLeft} day${daysLeft === 1 ? "" : "s"} (${facts.certificate.notAfter})`,
      }),
    );
  }
  for (const { host, index } of serverHosts(server)) {
    if (host === "*" || certificateCoversHost(facts.certificate, host)) continue;
    const names = facts.certificate.dnsNames.length > 0 ? facts.certificate.dnsNames : [facts.certificate.commonName];
    checks.push(
      buildCheck("TOP0306", `${base}/hosts[${index}]`, {
        detail: `${host} is not among the names of ${where} (${names.filter(Boolean).join(", ") || "none"})`,
      }),
    );
  }
  return checks;
}

function caChecks(
  credentials: GatewayCredentials,
  facts: Extract<SecretFacts, { state: "found" }>,
  base: string,
): ValidationCheck[] {
  const caSecret = credentials.secrets.get(`${facts.namespace}/${facts.name}-cacert`);
  const caFound = caSecret?.state === "found" && caSecret.caKey !== null;
  if (caFound || facts.caKey !== null || caSecret?.state === "forbidden" || caSecret === undefined) return [];
  return [
    buildCheck("TOP0307", `${base}/tls/mode`, {
      detail: `no Secret ${facts.name}-cacert with key cacert or ca.crt, and no such key in ${facts.namespace}/${facts.name}`,
    }),
  ];
}

function serverChecks(
  credentials: GatewayCredentials,
  namespaces: string[],
  server: GatewayServer,
  index: number,
): ValidationCheck[] {
  const name = credentialNameOf(server);
  if (!name) return [];
  const base = `spec/servers[${index}]`;
  return namespaces.flatMap((namespace) => {
    const facts = credentials.secrets.get(`${namespace}/${name}`);
    if (!facts) return [];
    switch (facts.state) {
      case "missing":
        return [
          buildCheck("TOP0301", `${base}/tls/credentialName`, {
            detail: `no Secret ${name} in namespace ${namespace}`,
          }),
        ];
      case "forbidden":
        return [buildCheck("TOP0308", `${base}/tls/credentialName`, { detail: facts.message })];
      case "found":
        return [
          ...certificateChecks(facts, server, base, credentials.now),
          ...(needsClientCa(server) ? caChecks(credentials, facts, base) : []),
        ];
    }
  });
}

export const checkGatewayCredentials: Rule<Gateway> = (gateway, context) => {
  const credentials = context.credentials;
  if (!credentials) return [];
  const servers = Array.isArray(gateway.spec?.servers) ? gateway.spec.servers : [];
  const namespaces = gatewayWorkloadNamespaces(gateway, context);
  return servers.flatMap((server, index) => serverChecks(credentials, namespaces, server, index));
};
