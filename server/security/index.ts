/**
 * server/security wired to the cluster cache, Prometheus and the write path; routes call these.
 * Everything below this file takes its I/O as parameters.
 */
import "server-only";
import type {
  AppliedPolicy,
  AuthorizationPolicyDetail,
  AuthorizationPolicyFields,
  AuthorizationReplay,
  GeneratedPolicy,
  SecurityState,
} from "@/lib/contracts/security";
import type { WizardPreview } from "@/lib/contracts/traffic";
import { getKubeConnection, type KubeConnection } from "@/server/adapters/kube";
import { listNamespaces } from "@/server/adapters/kube/cluster-info";
import { getIstioObject } from "@/server/adapters/kube/istio-objects";
import { listMeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import { getPrometheusClient, queryVector, type PrometheusClient } from "@/server/adapters/prometheus";
import { istioResourceOf, requireReadable } from "@/server/auth/namespace-visibility";
import { applyIstioChangesLive, previewIstioChangesLive } from "@/server/istio-config";
import { loadValidationContext, validateObject } from "@/server/validation";
import { buildAuthorizationPolicy } from "./build-authorization-policy";
import { generateAllowObserved } from "./generate-allow-observed";
import { buildSecurityState } from "./mtls-state";
import { readPolicyDetail } from "./policy-detail";
import { replayAuthorization, type ReplayDeps } from "./replay-authorization";
import { applyPolicy, previewPolicy, type PolicyWriteDeps } from "./write-policy";

export function createReplayDeps(connection: KubeConnection, prometheus: PrometheusClient): ReplayDeps {
  return {
    async loadInventory() {
      const [inventory, namespaces] = await Promise.all([listMeshInventory(connection), listNamespaces(connection)]);
      return {
        namespaces: namespaces.map((n) => n.name),
        workloads: inventory.workloads,
        authorizationPolicies: inventory.authorizationPolicies,
        rootNamespace: inventory.mesh.rootNamespace,
      };
    },
    queryVector: (promql) => queryVector(prometheus, promql, new Date()),
  };
}

/**
 * What the security pages show, as kubectl would need it: the policy pages and the replay show
 * AuthorizationPolicies; the mTLS state shows PeerAuthentications and AuthorizationPolicies.
 */
const AUTHORIZATION_POLICIES = istioResourceOf("AuthorizationPolicy");
const PEER_AUTHENTICATIONS = istioResourceOf("PeerAuthentication");

const liveReplayDeps = () => createReplayDeps(getKubeConnection(), getPrometheusClient());

function liveWriteDeps(): PolicyWriteDeps {
  return {
    getLive: async (namespace, name) =>
      (await getIstioObject(getKubeConnection(), { kind: "AuthorizationPolicy", namespace, name })) ?? null,
    preview: previewIstioChangesLive,
    apply: applyIstioChangesLive,
  };
}

export async function replayAuthorizationLive(
  form: AuthorizationPolicyFields,
  windowSeconds: number,
): Promise<AuthorizationReplay> {
  await requireReadable(form.namespace, AUTHORIZATION_POLICIES);
  return replayAuthorization(liveReplayDeps(), buildAuthorizationPolicy(form), windowSeconds);
}

export async function generateAllowObservedLive(
  target: { namespace: string; workload?: string },
  windowSeconds: number,
): Promise<GeneratedPolicy> {
  await requireReadable(target.namespace, AUTHORIZATION_POLICIES);
  return generateAllowObserved(liveReplayDeps(), target, windowSeconds);
}

export async function previewPolicyLive(form: AuthorizationPolicyFields, comment?: string): Promise<WizardPreview> {
  return previewPolicy(liveWriteDeps(), form, comment);
}

export async function applyPolicyLive(form: AuthorizationPolicyFields, comment?: string): Promise<AppliedPolicy> {
  return applyPolicy(liveWriteDeps(), form, comment);
}

export async function getSecurityStateLive(namespace: string): Promise<SecurityState> {
  await requireReadable(namespace, PEER_AUTHENTICATIONS);
  await requireReadable(namespace, AUTHORIZATION_POLICIES);
  return buildSecurityState(await listMeshInventory(getKubeConnection()), namespace);
}

/** One AuthorizationPolicy's detail page: its rules in words, validations and current effect on observed callers. */
export async function getPolicyDetailLive(
  ref: { namespace: string; name: string },
  windowSeconds: number,
): Promise<AuthorizationPolicyDetail> {
  await requireReadable(ref.namespace, AUTHORIZATION_POLICIES);
  const connection = getKubeConnection();
  return readPolicyDetail(
    {
      ...createReplayDeps(connection, getPrometheusClient()),
      validate: async (policy) => validateObject(policy, await loadValidationContext(connection)).checks,
    },
    ref,
    windowSeconds,
  );
}
