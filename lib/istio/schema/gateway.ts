/** Gateway `spec` as Istio's CRD declares it (networking.istio.io/v1, read 2026). */
import { bool, list, obj, str, stringMap, strings, type FieldSchema } from "./field-schema";
import { port } from "./common-fields";

/** ServerTLSSettings: a Gateway server's `tls`, and a Sidecar ingress listener's. */
export const serverTlsSchema = obj({
  httpsRedirect: bool,
  mode: str,
  serverCertificate: str,
  privateKey: str,
  caCertificates: str,
  caCrl: str,
  credentialName: str,
  credentialNames: strings,
  tlsCertificates: list(obj({ serverCertificate: str, privateKey: str, caCertificates: str })),
  caCertCredentialName: str,
  subjectAltNames: strings,
  verifyCertificateSpki: strings,
  verifyCertificateHash: strings,
  minProtocolVersion: str,
  maxProtocolVersion: str,
  cipherSuites: strings,
});

export const gatewaySpecSchema: FieldSchema = obj({
  servers: list(obj({ port, bind: str, hosts: strings, tls: serverTlsSchema, defaultEndpoint: str, name: str })),
  selector: stringMap,
});
