/**
 * The DestinationRules that originate TLS (`tls.mode` SIMPLE or MUTUAL): Istio's "Egress TLS
 * Origination" lets an application send plain HTTP and has its sidecar (or the egress gateway)
 * open TLS to the outside host. One row per place in the rule that sets it — the whole traffic
 * policy, a port, a subset, a subset's port — because each applies to different traffic.
 *
 * How the server's certificate is checked, as the proxy does it:
 * - `caCertificates`: against that CA file in the proxy;
 * - `credentialName`: against the CA of that Secret (its `ca.crt`/`cacert`, or `<name>-cacert`);
 * - `systemRoots`: neither is set, so the proxy uses the operating system's CA bundle
 *   (istiod's VERIFY_CERTIFICATE_AT_CLIENT; with it turned off the certificate goes unchecked);
 * - `skipped`: `insecureSkipVerify: true` — the connection is encrypted but the server unproven.
 */
import "server-only";
import type { TlsOrigination } from "@/lib/contracts/egress";
import type { ClientTLSSettings, DestinationRule, ServiceEntry, TrafficPolicy } from "@/lib/istio/types";
import { hostsIntersect, qualifyHost } from "@/server/validation";

const ORIGINATING: ReadonlySet<string> = new Set(["SIMPLE", "MUTUAL"]);

function verificationOf(tls: ClientTLSSettings): TlsOrigination["verification"] {
  if (tls.insecureSkipVerify === true) return "skipped";
  if (tls.caCertificates) return "caCertificates";
  if (tls.credentialName) return "credentialName";
  return "systemRoots";
}

interface Scoped {
  scope: TlsOrigination["scope"];
  tls: ClientTLSSettings | undefined;
}

function settingsOf(policy: TrafficPolicy | undefined, subset: string | undefined): Scoped[] {
  if (!policy) return [];
  const base = subset !== undefined ? { subset } : {};
  return [
    { scope: base, tls: policy.tls },
    ...(policy.portLevelSettings ?? []).map((p) => ({
      scope: { ...base, ...(p.port?.number !== undefined ? { port: p.port.number } : {}) },
      tls: p.tls,
    })),
  ];
}

export function tlsOriginations(
  destinationRules: readonly DestinationRule[],
  serviceEntries: readonly ServiceEntry[],
  domain: string,
): TlsOrigination[] {
  const entryHosts = serviceEntries.flatMap((se) =>
    (se.spec?.hosts ?? []).map((h) => qualifyHost(h, se.metadata.namespace ?? "default", domain)),
  );
  return destinationRules.flatMap((dr) => {
    const namespace = dr.metadata.namespace ?? "default";
    const host = dr.spec?.host ?? "";
    const qualified = qualifyHost(host, namespace, domain);
    const declaredByServiceEntry = entryHosts.some((h) => hostsIntersect(h, qualified));
    const places = [
      ...settingsOf(dr.spec?.trafficPolicy, undefined),
      ...(dr.spec?.subsets ?? []).flatMap((s) => settingsOf(s.trafficPolicy, s.name ?? "")),
    ];
    return places.flatMap(({ scope, tls }): TlsOrigination[] => {
      if (!tls?.mode || !ORIGINATING.has(tls.mode)) return [];
      return [
        {
          namespace,
          name: dr.metadata.name ?? "",
          host,
          scope,
          mode: tls.mode as TlsOrigination["mode"],
          ...(tls.sni ? { sni: tls.sni } : {}),
          verification: verificationOf(tls),
          ...(tls.caCertificates ? { caCertificates: tls.caCertificates } : {}),
          ...(tls.credentialName ? { credentialName: tls.credentialName } : {}),
          subjectAltNames: tls.subjectAltNames ?? [],
          declaredByServiceEntry,
        },
      ];
    });
  });
}
