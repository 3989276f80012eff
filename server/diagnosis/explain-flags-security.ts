/**
 * Denials and failed handshakes, from the security config of the called pods:
 * - UF (upstream connection failure) is most often a TLS mismatch: the caller's
 *   DestinationRule sends plain text (`tls.mode: DISABLE`) to pods whose PeerAuthentication
 *   is STRICT, or originates its own TLS (SIMPLE/MUTUAL) to a sidecar that expects Istio's;
 * - a 403 with no flag (the RBAC filter's `rbac_access_denied`, the `RBAC` flag on TCP) is an
 *   AuthorizationPolicy: a DENY that matched, or ALLOW policies none of which matched;
 * - UAEX is a CUSTOM policy's external authorizer saying no.
 * Which policy denied a given request is only in the access log; the rule names the policies
 * that apply to the called pods, DENY before ALLOW, as Envoy evaluates them.
 */
import "server-only";
import type { AuthorizationAction, AuthorizationPolicy, PeerAuthentication } from "@/lib/istio/types";
import { labelsMatch } from "@/server/validation/labels";
import { podsBehind, trafficPoliciesOf, type EdgeScope } from "./explain-flags-config";
import { nameOf, type CauseAt, type FlagRule } from "./explain-flags-types";

const namespaceOf = (o: { metadata: { namespace?: string } }) => o.metadata.namespace ?? "";

/** Does a policy with this selector (absent: the whole namespace) in `ns` reach any pod behind the service? */
function reachesPods(scope: EdgeScope, ns: string, selector: Record<string, string> | undefined): boolean {
  const root = ns === scope.context.mesh.rootNamespace;
  if (!root && ns !== scope.namespace) return false;
  const pods = podsBehind(scope);
  if (!selector) return true;
  return pods.length === 0 || pods.some((p) => labelsMatch(selector, p.labels));
}

/** The PeerAuthentications of the called pods, most specific first (workload, namespace, mesh). */
function peerAuthenticationsOf(scope: EdgeScope): PeerAuthentication[] {
  const applies = scope.context.peerAuthentications.filter((pa) =>
    reachesPods(scope, namespaceOf(pa), pa.spec?.selector?.matchLabels),
  );
  const rank = (pa: PeerAuthentication) =>
    pa.spec?.selector ? 0 : namespaceOf(pa) === scope.context.mesh.rootNamespace ? 2 : 1;
  return applies.sort((a, b) => rank(a) - rank(b));
}

export const explainConnectionFailure: FlagRule = ({ scope }) => {
  const peer = peerAuthenticationsOf(scope).find((pa) => pa.spec?.mtls?.mode && pa.spec.mtls.mode !== "UNSET");
  const serverMode = peer?.spec?.mtls?.mode;
  const causes: CauseAt[] = [];
  const because: string[] = [];
  for (const at of trafficPoliciesOf(scope)) {
    const mode = at.policy.tls?.mode;
    if (!mode) continue;
    const plain = mode === "DISABLE";
    const ownTls = mode === "SIMPLE" || mode === "MUTUAL";
    if (plain && serverMode === "STRICT" && peer) {
      causes.push({ object: at.dr, path: `${at.path}/tls/mode`, value: mode });
      causes.push({ object: peer, path: "spec/mtls/mode", value: "STRICT" });
      because.push(
        `${nameOf(at.dr)} makes callers send plain text (tls.mode DISABLE, ${at.scope}) while ${nameOf(peer)} ` +
          `makes ${scope.service}'s sidecars accept mutual TLS only (STRICT): the connection is refused (503 UF).`,
      );
    } else if (ownTls) {
      causes.push({ object: at.dr, path: `${at.path}/tls/mode`, value: mode });
      because.push(
        `${nameOf(at.dr)} makes callers originate their own TLS (tls.mode ${mode}, ${at.scope}) to ${scope.service}, ` +
          `whose sidecars expect Istio's mutual TLS: the handshake fails (503 UF). In-mesh hosts want ISTIO_MUTUAL ` +
          `or no tls setting (auto mTLS).`,
      );
    }
  }
  if (causes.length > 0) return { explained: true, because, causes, figures: [] };
  return {
    explained: false,
    because: [
      `The TLS settings agree (${serverMode ? `${scope.service} accepts ${serverMode}` : "no PeerAuthentication decides"}, ` +
        `no DestinationRule overrides what callers send): the connection was refused or reset by ${scope.service}'s ` +
        `pods themselves — crashing, not listening on the target port, or a sidecar missing on one side.`,
    ],
    causes: [],
    figures: [],
  };
};

/** Policies of an action that apply to the called pods (rules path: `spec/rules`, or `spec` for `spec: {}`). */
function policiesOf(scope: EdgeScope, actions: readonly AuthorizationAction[]): AuthorizationPolicy[] {
  return scope.context.authorizationPolicies.filter(
    (ap) =>
      actions.includes(ap.spec?.action ?? "ALLOW") &&
      reachesPods(scope, namespaceOf(ap), ap.spec?.selector?.matchLabels),
  );
}

const rulesCause = (ap: AuthorizationPolicy): CauseAt => {
  const rules = ap.spec?.rules;
  return rules && rules.length > 0
    ? { object: ap, path: "spec/rules", value: `${ap.spec?.action ?? "ALLOW"}, ${rules.length} rule(s)` }
    : { object: ap, path: "spec", value: `${ap.spec?.action ?? "ALLOW"} with no rules` };
};

export const explainDenied: FlagRule = ({ scope }) => {
  const deny = policiesOf(scope, ["DENY"]);
  const allow = policiesOf(scope, ["ALLOW"]);
  const because: string[] = [];
  for (const ap of deny)
    because.push(
      `${nameOf(ap)} (DENY) applies to ${scope.service}'s pods: a request one of its rules matches is answered 403 ` +
        `"RBAC: access denied" by the callee's sidecar.`,
    );
  for (const ap of allow) {
    const none = !ap.spec?.rules || ap.spec.rules.length === 0;
    because.push(
      none
        ? `${nameOf(ap)} is an ALLOW policy with no rules: it allows nothing, so every request to ${scope.service}'s pods is denied (403).`
        : `${nameOf(ap)} (ALLOW) applies to ${scope.service}'s pods: once any ALLOW policy applies, a request that ` +
            `matches none of their rules is denied (403). Check that the caller's identity (${scope.sourceNamespace}) and the request are in a rule.`,
    );
  }
  const causes = [...deny, ...allow].map(rulesCause);
  if (causes.length > 0) return { explained: true, because, causes, figures: [] };
  return {
    explained: false,
    because: [
      `No AuthorizationPolicy applies to ${scope.service}'s pods now: the 403s come from the application itself, or ` +
        `the policy was removed after the window's requests.`,
    ],
    causes: [],
    figures: [],
  };
};

export const explainExternalAuthz: FlagRule = ({ scope }) => {
  const custom = policiesOf(scope, ["CUSTOM"]);
  if (custom.length === 0)
    return {
      explained: false,
      because: [`No CUSTOM AuthorizationPolicy applies to ${scope.service}'s pods now.`],
      causes: [],
      figures: [],
    };
  return {
    explained: true,
    because: custom.map(
      (ap) =>
        `${nameOf(ap)} sends matching requests to the external authorizer "${ap.spec?.provider?.name ?? "?"}", which ` +
        `denied them (or could not be reached): UAEX. Its decisions are in the authorizer's own logs.`,
    ),
    causes: custom.map(rulesCause),
    figures: [],
  };
};
