/**
 * Reads the credential Secrets the given Gateways' TLS servers name, where their gateway pods
 * would (the pods' namespaces), plus `<name>-cacert` for MUTUAL servers — each once — and
 * hands the facts to the validation rules as `context.credentials`.
 */
import "server-only";
import type { SecretFacts } from "@/lib/contracts/gateways";
import type { Gateway } from "@/lib/istio/types";
import {
  credentialNameOf,
  gatewayWorkloadNamespaces,
  needsClientCa,
  type GatewayCredentials,
  type ValidationContext,
} from "@/server/validation";

/** One Secret's facts as the viewer may see them: missing, forbidden (naming the permission) or found. */
export type ReadSecretFacts = (namespace: string, name: string) => Promise<SecretFacts>;

/** `namespace/name` of every Secret the Gateways' servers would load. */
export function credentialSecretsOf(gateways: readonly Gateway[], context: ValidationContext): string[] {
  const wanted = new Set<string>();
  for (const gateway of gateways) {
    const namespaces = gatewayWorkloadNamespaces(gateway, context);
    for (const server of Array.isArray(gateway.spec?.servers) ? gateway.spec.servers : []) {
      const name = credentialNameOf(server);
      if (!name) continue;
      for (const namespace of namespaces) {
        wanted.add(`${namespace}/${name}`);
        if (needsClientCa(server)) wanted.add(`${namespace}/${name}-cacert`);
      }
    }
  }
  return [...wanted].sort();
}

export async function loadGatewayCredentials(
  gateways: readonly Gateway[],
  context: ValidationContext,
  readFacts: ReadSecretFacts,
  now: Date,
): Promise<GatewayCredentials> {
  const entries = await Promise.all(
    credentialSecretsOf(gateways, context).map(async (key) => {
      const slash = key.indexOf("/");
      return [key, await readFacts(key.slice(0, slash), key.slice(slash + 1))] as const;
    }),
  );
  return { now, secrets: new Map(entries) };
}
