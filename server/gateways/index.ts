/**
 * server/gateways: the Gateways pages (README.md). Gateways, VirtualServices, pods and the
 * validation context come from the console's cluster cache; credential Secrets are read as
 * the viewer (server/auth/viewer-connection.ts), never cached, and reduced to facts here.
 */
import "server-only";
import type { GatewayDetail, GatewaySummary, SecretFacts } from "@/lib/contracts/gateways";
import type { Gateway } from "@/lib/istio/types";
import { getKubeConnection, type KubeConnection } from "@/server/adapters/kube";
import { listPods, type PodSummary } from "@/server/adapters/kube/list-pods";
import { readSecret } from "@/server/adapters/kube/secrets";
import { istioResourceOf, PODS, requireReadable, viewerVisibility } from "@/server/auth/namespace-visibility";
import { getViewerConnection } from "@/server/auth/viewer-connection";
import { KubeApiError, TopsailError } from "@/server/errors";
import {
  gatewayWorkloadNamespaces,
  loadValidationContext,
  validateObject,
  type ValidationCheck,
  type ValidationContext,
} from "@/server/validation";
import { buildGatewayDetail, summarizeGateway } from "./build-gateway-view";
import { loadGatewayCredentials, type ReadSecretFacts } from "./load-credentials";
import { toSecretFacts } from "./secret-facts";

/** A Secret's facts through the given connection; a refusal becomes a notice, not a failed page. */
export function secretFactsReader(connection: KubeConnection): ReadSecretFacts {
  return async (namespace, name): Promise<SecretFacts> => {
    try {
      const secret = await readSecret(connection, namespace, name);
      return secret ? toSecretFacts(secret) : { state: "missing", namespace, name };
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 403)
        return { state: "forbidden", namespace, name, message: error.message };
      throw error;
    }
  };
}

/** The context with the given Gateways' credential Secrets, read as the viewer. */
export async function withGatewayCredentials(
  context: ValidationContext,
  gateways: readonly Gateway[],
): Promise<ValidationContext> {
  const credentials = await loadGatewayCredentials(
    gateways,
    context,
    secretFactsReader(getViewerConnection()),
    new Date(),
  );
  return { ...context, credentials };
}

/** What the Gateways pages show: a Gateway needs `list gateways.networking.istio.io` where it lives. */
const GATEWAYS = istioResourceOf("Gateway");

/** The pods of the gateway workloads' namespaces where the viewer may list pods (elsewhere they are left out). */
async function gatewayPods(
  connection: KubeConnection,
  gateways: readonly Gateway[],
  context: ValidationContext,
): Promise<PodSummary[]> {
  const namespaces = [...new Set(gateways.flatMap((g) => gatewayWorkloadNamespaces(g, context)))];
  const visible = await viewerVisibility().filterReadable(
    namespaces,
    (n) => n,
    () => PODS,
  );
  return (await Promise.all(visible.map((ns) => listPods(connection, ns)))).flat();
}

/** The Gateways of those namespaces where the viewer may list Gateways; the others are left out, not refused. */
export async function listGatewaysLive(namespaces: readonly string[]): Promise<GatewaySummary[]> {
  const connection = getKubeConnection();
  const visible = new Set(
    await viewerVisibility().filterReadable(
      namespaces,
      (n) => n,
      () => GATEWAYS,
    ),
  );
  const base = await loadValidationContext(connection);
  const gateways = base.gateways.filter((g) => visible.has(g.metadata.namespace ?? "default"));
  const [context, pods] = await Promise.all([
    withGatewayCredentials(base, gateways),
    gatewayPods(connection, gateways, base),
  ]);
  return gateways
    .map((gateway) => summarizeGateway(gateway, context, pods))
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
}

/** 404 in a namespace the viewer may not see, 403 when they may not list Gateways there. */
export async function getGatewayDetailLive(namespace: string, name: string): Promise<GatewayDetail> {
  await requireReadable(namespace, GATEWAYS);
  const connection = getKubeConnection();
  const base = await loadValidationContext(connection);
  const gateway = base.gateways.find((g) => g.metadata.namespace === namespace && g.metadata.name === name);
  if (!gateway)
    throw new TopsailError("not_found", `Gateway ${namespace}/${name} does not exist (it may have been deleted).`);
  const [context, pods] = await Promise.all([
    withGatewayCredentials(base, [gateway]),
    gatewayPods(connection, [gateway], base),
  ]);
  return buildGatewayDetail(gateway, context, pods);
}

/** A wizard's unsaved Gateway: its credential Secrets as the viewer may read them, and its TOP03xx checks. */
export async function checkGatewayCredentialsLive(
  gateway: Gateway,
): Promise<{ credentials: SecretFacts[]; checks: ValidationCheck[] }> {
  const context = await withGatewayCredentials(await loadValidationContext(getKubeConnection()), [gateway]);
  return {
    credentials: [...(context.credentials?.secrets.values() ?? [])],
    checks: validateObject(gateway, context).checks.filter((c) => c.code.startsWith("TOP03")),
  };
}
