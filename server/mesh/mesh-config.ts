/**
 * The mesh-wide settings a reader of the Mesh page wants at a glance, from istiod's `istio` ConfigMap (key `mesh`,
 * MeshConfig as YAML) in the root namespace, and the root CA's expiry from the `istio-ca-root-cert` ConfigMap that
 * istiod publishes into namespaces (key `root-cert.pem`). Istio's defaults where the ConfigMap says nothing:
 * outboundTrafficPolicy ALLOW_ANY, enableAutoMtls true, trustDomain cluster.local.
 */
import "server-only";
import { X509Certificate } from "node:crypto";
import type { MeshSettingsView } from "@/lib/contracts/mesh";
import { parseMeshConfig } from "@/lib/istio/mesh-config";

export interface ConfigMapData {
  name: string;
  data: Record<string, string>;
}

export function parseMeshSettings(configMaps: readonly ConfigMapData[], rootNamespace: string): MeshSettingsView {
  const defaults: MeshSettingsView = {
    rootNamespace,
    trustDomain: "cluster.local",
    outboundTrafficPolicy: "ALLOW_ANY",
    enableAutoMtls: true,
    fromConfigMap: false,
  };
  const configMap = configMaps.find((c) => c.name === "istio");
  if (!configMap) return defaults;
  const parsed = parseMeshConfig(configMap.data.mesh);
  if (!parsed.ok) return { ...defaults, fromConfigMap: true, problem: parsed.problem };
  const { mesh } = parsed;
  return {
    rootNamespace: mesh.rootNamespace ?? rootNamespace,
    trustDomain: mesh.trustDomain ?? defaults.trustDomain,
    outboundTrafficPolicy: mesh.outboundTrafficPolicy?.mode ?? defaults.outboundTrafficPolicy,
    enableAutoMtls: mesh.enableAutoMtls ?? defaults.enableAutoMtls,
    fromConfigMap: true,
  };
}

const DAY_MS = 86_400_000;

/** A PEM certificate's subject and expiry, whole days left counted from `now`; undefined when it does not parse. */
export function certificateExpiry(
  pem: string,
  now: Date,
): { subject: string; notAfter: string; daysLeft: number } | undefined {
  try {
    const certificate = new X509Certificate(pem);
    const notAfter = new Date(certificate.validTo);
    return {
      subject: certificate.subject.replace(/\n/g, ", "),
      notAfter: notAfter.toISOString(),
      daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    };
  } catch {
    return undefined;
  }
}

/** The root certificate istiod publishes, when `istio-ca-root-cert` holds a PEM that parses; else undefined. */
export function readRootCertificate(
  configMaps: readonly ConfigMapData[],
  now: Date,
): { subject: string; notAfter: string; daysLeft: number } | undefined {
  const pem = configMaps.find((c) => c.name === "istio-ca-root-cert")?.data["root-cert.pem"];
  return pem ? certificateExpiry(pem, now) : undefined;
}
