/**
 * A Gateway as the Gateways pages show it: each server (port, TLS mode, hosts with the
 * VirtualServices bound to them, the credential Secrets found), the gateway workloads and
 * pods its selector picks, and every validation check (credential checks included when
 * the context carries the Secrets). Pure: the caller reads the cluster.
 */
import "server-only";
import type { GatewayDetail, GatewayServerView, GatewaySummary, GatewayWorkload } from "@/lib/contracts/gateways";
import type { Gateway } from "@/lib/istio/types";
import type { PodSummary } from "@/server/adapters/kube/list-pods";
import {
  credentialNameOf,
  gatewayWorkloadNamespaces,
  needsClientCa,
  validateObject,
  type ValidationContext,
} from "@/server/validation";
import { asLabels, labelsMatch } from "@/server/validation/labels";
import { virtualServicesForHost } from "./bound-virtual-services";

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

function serverViews(gateway: Gateway, context: ValidationContext): GatewayServerView[] {
  const servers = Array.isArray(gateway.spec?.servers) ? gateway.spec.servers : [];
  const namespaces = gatewayWorkloadNamespaces(gateway, context);
  const lookup = (name: string) =>
    namespaces.flatMap((ns) => {
      const facts = context.credentials?.secrets.get(`${ns}/${name}`);
      return facts ? [facts] : [];
    });
  return servers.map((server, index) => {
    const credentialName = credentialNameOf(server) ?? null;
    const hosts = (Array.isArray(server?.hosts) ? server.hosts : []).filter((h): h is string => typeof h === "string");
    return {
      index,
      name: text(server?.name),
      port: {
        number: typeof server?.port?.number === "number" ? server.port.number : null,
        name: text(server?.port?.name),
        protocol: text(server?.port?.protocol),
      },
      tlsMode: text(server?.tls?.mode),
      credentialName: credentialName ?? text(server?.tls?.credentialName),
      hosts: hosts.map((host) => ({
        host,
        virtualServices: virtualServicesForHost(gateway, host, context.virtualServices, context.mesh.domain),
      })),
      credentials: credentialName ? lookup(credentialName) : [],
      caSecrets: credentialName && needsClientCa(server) ? lookup(`${credentialName}-cacert`) : [],
    };
  });
}

/** The gateway workloads (by Istio's workload name) of the pods the selector picks. */
export function selectedWorkloads(gateway: Gateway, pods: readonly PodSummary[]): GatewayWorkload[] {
  const selector = asLabels(gateway.spec?.selector);
  if (!selector || Object.keys(selector).length === 0) return [];
  const byWorkload = new Map<string, GatewayWorkload>();
  for (const pod of pods) {
    if (!labelsMatch(selector, pod.labels)) continue;
    const key = `${pod.namespace}/${pod.workload}`;
    const workload = byWorkload.get(key) ?? { namespace: pod.namespace, name: pod.workload, pods: [] };
    workload.pods.push({ name: pod.name, phase: pod.phase });
    byWorkload.set(key, workload);
  }
  return [...byWorkload.values()].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
}

export function buildGatewayDetail(
  gateway: Gateway,
  context: ValidationContext,
  pods: readonly PodSummary[],
): GatewayDetail {
  return {
    namespace: gateway.metadata.namespace ?? "default",
    name: gateway.metadata.name ?? "",
    selector: asLabels(gateway.spec?.selector) ?? {},
    servers: serverViews(gateway, context),
    workloads: selectedWorkloads(gateway, pods),
    checks: validateObject(gateway, context).checks,
    checkedAt: context.credentials?.now.toISOString() ?? null,
  };
}

export function summarizeGateway(
  gateway: Gateway,
  context: ValidationContext,
  pods: readonly PodSummary[],
): GatewaySummary {
  const detail = buildGatewayDetail(gateway, context, pods);
  const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  return {
    namespace: detail.namespace,
    name: detail.name,
    selector: detail.selector,
    ports: unique(
      detail.servers.map((s) => (s.port.number === null ? null : `${s.port.number}/${s.port.protocol ?? "?"}`)),
    ),
    hosts: unique(detail.servers.flatMap((s) => s.hosts.map((h) => h.host))),
    tlsModes: unique(detail.servers.map((s) => s.tlsMode)),
    workloads: detail.workloads.map(({ namespace, name }) => ({ namespace, name })),
    errors: detail.checks.filter((c) => c.severity === "error").length,
    warnings: detail.checks.filter((c) => c.severity === "warning").length,
  };
}
