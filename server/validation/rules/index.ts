/**
 * Which rules run for which kind: adding a rule is adding a file and a row here. Every kind
 * gets the API server's checks first (it refuses before istiod sees the object), then the
 * webhook's findings, then the semantic rules.
 */
import "server-only";
import type { KindMap, Rule, ValidatedKind } from "../types";
import { checkOperationHostsExist } from "./authorization-policy/host-not-found";
import { checkMtlsForIdentityFields } from "./authorization-policy/mtls-required";
import { checkSourceNamespacesExist } from "./authorization-policy/namespace-not-found";
import { checkPrincipalsExist } from "./authorization-policy/principal-not-found";
import { checkMethodsValid } from "./authorization-policy/wrong-method";
import { checkApiServerSchema } from "./common/api-server-schema";
import { checkSelectorMatchesWorkload } from "./common/selector-matches-workload";
import { checkWebhookFindings } from "./common/webhook-findings";
import { checkDestinationHostExists } from "./destination-rule/host-not-found";
import { checkMtlsNotOverridden } from "./destination-rule/mtls-overridden";
import { checkServerCertificateVerified } from "./destination-rule/no-server-cert-verification";
import { checkMeshMtlsDisableAccepted } from "./destination-rule/mesh-mtls-disabled";
import { checkMeshMtlsPolicyPresent } from "./destination-rule/mesh-mtls-policy-missing";
import { checkSingleDestinationRulePerSubset } from "./destination-rule/multiple-destination-rules";
import { checkNamespaceMtlsDisableAccepted } from "./destination-rule/namespace-mtls-disabled";
import { checkNamespaceMtlsPolicyPresent } from "./destination-rule/namespace-mtls-policy-missing";
import { checkMeshMtlsRulePresent } from "./peer-authentication/mesh-mtls-rule-missing";
import { checkMtlsDisableHasRule } from "./peer-authentication/mtls-disabled-rule-missing";
import { checkNamespaceMtlsRulePresent } from "./peer-authentication/namespace-mtls-rule-missing";
import { checkSubsetLabelsMatchWorkloads } from "./destination-rule/subset-labels-match";
import { checkSubsetsHaveLabels } from "./destination-rule/subset-without-labels";
import { checkConflictingGateways } from "./gateway/conflicting-gateways";
import { checkGatewayCredentials } from "./gateway/credential-secret";
import { checkGatewayHostsUnique } from "./gateway/multiple-gateways";
import { checkGatewaySelectorMatches } from "./gateway/selector-matches-workload";
import { checkGatewaysExist } from "./virtual-service/gateway-not-found";
import { checkHostsInGateways } from "./virtual-service/host-not-in-gateway";
import { checkRouteHostsExist } from "./virtual-service/host-not-found";
import { checkSingleVirtualServicePerHost } from "./virtual-service/multiple-virtual-services";
import { checkRepeatedSubsets } from "./virtual-service/repeated-subset";
import { checkSingleRouteWeight } from "./virtual-service/single-weight";
import { checkSubsetsExist } from "./virtual-service/subset-not-found";
import { checkIneffectiveMatches, checkUnreachableRulesUsed } from "./virtual-service/unreachable-rules";

type RuleTable = { [K in ValidatedKind]: Rule<KindMap[K]>[] };

export const RULES_BY_KIND: RuleTable = {
  VirtualService: [
    checkApiServerSchema,
    checkWebhookFindings,
    checkRouteHostsExist,
    checkGatewaysExist,
    checkSingleRouteWeight,
    checkRepeatedSubsets,
    checkSingleVirtualServicePerHost,
    checkSubsetsExist,
    checkUnreachableRulesUsed,
    checkIneffectiveMatches,
    checkHostsInGateways,
  ],
  DestinationRule: [
    checkApiServerSchema,
    checkWebhookFindings,
    checkSingleDestinationRulePerSubset,
    checkDestinationHostExists,
    checkSubsetLabelsMatchWorkloads,
    checkMeshMtlsPolicyPresent,
    checkNamespaceMtlsPolicyPresent,
    checkNamespaceMtlsDisableAccepted,
    checkMeshMtlsDisableAccepted,
    checkSubsetsHaveLabels,
    checkMtlsNotOverridden,
    checkServerCertificateVerified,
  ],
  Gateway: [
    checkApiServerSchema,
    checkWebhookFindings,
    checkGatewayHostsUnique,
    checkConflictingGateways,
    checkGatewaySelectorMatches,
    checkGatewayCredentials,
  ],
  ServiceEntry: [checkApiServerSchema, checkWebhookFindings],
  WorkloadEntry: [checkApiServerSchema, checkWebhookFindings],
  Sidecar: [checkApiServerSchema, checkWebhookFindings, checkSelectorMatchesWorkload],
  PeerAuthentication: [
    checkApiServerSchema,
    checkWebhookFindings,
    checkSelectorMatchesWorkload,
    checkMeshMtlsRulePresent,
    checkNamespaceMtlsRulePresent,
    checkMtlsDisableHasRule,
  ],
  AuthorizationPolicy: [
    checkApiServerSchema,
    checkWebhookFindings,
    checkSelectorMatchesWorkload,
    checkSourceNamespacesExist,
    checkMethodsValid,
    checkOperationHostsExist,
    checkMtlsForIdentityFields,
    checkPrincipalsExist,
  ],
  RequestAuthentication: [checkApiServerSchema, checkWebhookFindings, checkSelectorMatchesWorkload],
};

export function isValidatedKind(kind: string): kind is ValidatedKind {
  return Object.hasOwn(RULES_BY_KIND, kind);
}
