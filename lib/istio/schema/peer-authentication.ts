/**
 * PeerAuthentication `spec` as Istio's CRD declares it (security.istio.io/v1,
 * read 2026): `portLevelMtls` is keyed by port number.
 */
import { mapOf, obj, str, type FieldSchema } from "./field-schema";
import { matchLabelsSelector } from "./common-fields";

const mutualTls = obj({ mode: str });

export const peerAuthenticationSpecSchema: FieldSchema = obj({
  selector: matchLabelsSelector,
  mtls: mutualTls,
  portLevelMtls: mapOf(mutualTls),
});
