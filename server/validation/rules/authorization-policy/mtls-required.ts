/**
 * KIA0105: a rule matches on the caller's mTLS identity — `source.principals`,
 * `notPrincipals`, `namespaces`, `notNamespaces`, or a `when` on `source.principal`,
 * `source.namespace` or `connection.sni` — while the policy's workloads do not receive
 * mutual TLS (server/validation/mtls-status.ts, Kiali's reading). Plaintext callers carry no
 * identity, so an ALLOW on those fields denies them all and a DENY never matches them.
 */
import "server-only";
import type { AuthorizationPolicy } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { asLabels } from "../../labels";
import { receivesMtls } from "../../mtls-status";
import { namespaceOf, type Rule } from "../../types";
import { conditionsOf, sourcesOf } from "./rule-fields";

const IDENTITY_FIELDS = ["principals", "notPrincipals", "namespaces", "notNamespaces"] as const;
const IDENTITY_KEYS = new Set(["source.principal", "source.namespace", "connection.sni"]);
const FIX =
  "enable mutual TLS for these workloads (a STRICT or PERMISSIVE PeerAuthentication, auto mTLS or an ISTIO_MUTUAL DestinationRule)";

export const checkMtlsForIdentityFields: Rule<AuthorizationPolicy> = (policy, context) => {
  const paths = [
    ...sourcesOf(policy).flatMap(({ value, path }) =>
      IDENTITY_FIELDS.filter((field) => Array.isArray(value[field]) && value[field].length > 0).map(
        (field) => `${path}/${field}`,
      ),
    ),
    ...conditionsOf(policy)
      .filter(({ value }) => IDENTITY_KEYS.has(value.key))
      .map(({ path }) => path),
  ];
  if (paths.length === 0) return [];
  const labels = asLabels(policy.spec?.selector?.matchLabels) ?? {};
  if (receivesMtls(labels, namespaceOf(policy), context)) return [];
  return paths.map((path) => buildCheck("KIA0105", path, { detail: FIX }));
};
