/**
 * RequestAuthentication `spec` as Istio's CRD declares it (security.istio.io/v1, read 2026).
 * `jwks_uri` is declared next to `jwksUri`: the CRD accepts the proto's snake_case name too.
 */
import { bool, list, obj, str, strings, type FieldSchema } from "./field-schema";
import { matchLabelsSelector, policyTargetReference } from "./common-fields";

const jwtRule = obj({
  issuer: str,
  audiences: strings,
  jwksUri: str,
  jwks_uri: str,
  jwks: str,
  fromHeaders: list(obj({ name: str, prefix: str })),
  fromParams: strings,
  fromCookies: strings,
  outputPayloadToHeader: str,
  forwardOriginalToken: bool,
  outputClaimToHeaders: list(obj({ header: str, claim: str })),
  spaceDelimitedClaims: strings,
  timeout: str,
});

export const requestAuthenticationSpecSchema: FieldSchema = obj({
  selector: matchLabelsSelector,
  targetRef: policyTargetReference,
  targetRefs: list(policyTargetReference),
  jwtRules: list(jwtRule),
});
