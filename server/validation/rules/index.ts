/**
 * Which rules run for which kind: adding a rule is adding a file and a row here. Every kind
 * istiod validates gets the webhook's findings first, then the semantic rules.
 */
import "server-only";
import type { KindMap, Rule, ValidatedKind } from "../types";
import { checkSelectorMatchesWorkload } from "./common/selector-matches-workload";
import { checkWebhookFindings } from "./common/webhook-findings";
import { checkDestinationHostExists } from "./destination-rule/host-not-found";
import { checkMeshMtlsDisableAccepted } from "./destination-rule/mesh-mtls-disabled";
import { checkMeshMtlsPolicyPresent } from "./destination-rule/mesh-mtls-policy-missing";
import { checkSingleDestinationRulePerSubset } from "./destination-rule/multiple-destination-rules";
import { checkNamespaceMtlsDisableAccepted } from "./destination-rule/namespace-mtls-disabled";
import { checkNamespaceMtlsPolicyPresent } from "./destination-rule/namespace-mtls-policy-missing";
import { checkSubsetLabelsMatchWorkloads } from "./destination-rule/subset-labels-match";
import { checkSubsetsHaveLabels } from "./destination-rule/subset-without-labels";
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
    checkWebhookFindings,
    checkSingleDestinationRulePerSubset,
    checkDestinationHostExists,
    checkSubsetLabelsMatchWorkloads,
    checkMeshMtlsPolicyPresent,
    checkNamespaceMtlsPolicyPresent,
    checkNamespaceMtlsDisableAccepted,
    checkMeshMtlsDisableAccepted,
    checkSubsetsHaveLabels,
  ],
  Gateway: [checkWebhookFindings, checkGatewayHostsUnique, checkGatewaySelectorMatches],
  ServiceEntry: [checkWebhookFindings],
  WorkloadEntry: [checkWebhookFindings],
  Sidecar: [checkWebhookFindings, checkSelectorMatchesWorkload],
  PeerAuthentication: [checkWebhookFindings, checkSelectorMatchesWorkload],
  AuthorizationPolicy: [checkWebhookFindings, checkSelectorMatchesWorkload],
  RequestAuthentication: [checkWebhookFindings, checkSelectorMatchesWorkload],
};

export function isValidatedKind(kind: string): kind is ValidatedKind {
  return Object.hasOwn(RULES_BY_KIND, kind);
}
