/**
 * Every check the engine can report: code, default severity and summary, in one table (as
 * Kiali's models/istio_validation.go), so a wording fix is one row and the UI can branch on
 * codes. Code families:
 *  - KIA…  Kiali's codes, where Topsail's rule is Kiali's rule (users know them);
 *  - IST…  istioctl analyze's codes, where the rule is istioctl's;
 *  - TOP0001 / TOP0002  a finding of istiod's validating webhook (lib/istio/validation):
 *    0001 = istiod would deny the object (error), 0002 = istiod accepts it with a warning.
 *    Their message is istiod's own, word for word, so it matches what `kubectl apply` prints;
 *  - TOP0003  a rule could not read the object (a field of the wrong type): reported, not thrown;
 *  - TOP0004 / TOP0005  kube-apiserver would refuse the object before istiod sees it
 *    (lib/istio/schema): 0004 = ObjectMeta or a field's type, in the API server's words;
 *    0005 = a field the CRD does not declare (refused under kubectl's default strict validation);
 *  - TOP03xx  a Gateway's credential Secret (03 as Kiali's Gateway family), checked only where
 *    the Secrets were read as the viewer (rules/gateway/credential-secret.ts);
 *  - TOP11xx  the timeout and retry budget of call paths (11 as Kiali's VirtualService family),
 *    found by server/diagnosis on a VirtualService rule or on a caller workload's known client.
 */
import "server-only";
import type { CheckSeverity, ValidationCheck } from "@/lib/contracts/validations";

export interface CheckDescriptor {
  severity: CheckSeverity;
  summary: string;
}

export const CHECK_CODES = {
  // VirtualService (Kiali)
  KIA1101: { severity: "error", summary: "DestinationWeight on route doesn't have a valid service (host not found)" },
  KIA1102: { severity: "error", summary: "VirtualService is pointing to a non-existent gateway" },
  KIA1104: {
    severity: "warning",
    summary: "The weight is assumed to be 100 because there is only one route destination",
  },
  KIA1105: {
    severity: "warning",
    summary: "This host subset combination is already referenced in another route destination",
  },
  KIA1106: { severity: "warning", summary: "More than one Virtual Service for same host" },
  KIA1107: { severity: "warning", summary: "Subset not found" },
  // VirtualService (istioctl analyze)
  IST0130: { severity: "warning", summary: "VirtualService rule is never used" },
  IST0131: { severity: "warning", summary: "VirtualService match is never used" },
  IST0132: { severity: "warning", summary: "VirtualService host not found in Gateway" },
  // AuthorizationPolicy (Kiali)
  KIA0101: { severity: "warning", summary: "Namespace not found for this rule" },
  KIA0102: { severity: "warning", summary: "Only HTTP methods and fully-qualified gRPC names are allowed" },
  KIA0104: { severity: "error", summary: "This host has no matching entry in the service registry" },
  KIA0105: { severity: "error", summary: "This field requires mTLS to be enabled" },
  KIA0106: { severity: "error", summary: "Service Account not found for this principal" },
  // DestinationRule (Kiali)
  KIA0201: { severity: "warning", summary: "More than one DestinationRules for the same host subset combination" },
  KIA0202: {
    severity: "error",
    summary: "This host has no matching entry in the service registry (service, workload or service entries)",
  },
  KIA0203: { severity: "error", summary: "This subset's labels are not found in any matching host" },
  KIA0204: { severity: "warning", summary: "mTLS settings of a non-local Destination Rule are overridden" },
  KIA0205: { severity: "error", summary: "PeerAuthentication enabling mTLS at mesh level is missing" },
  KIA0206: { severity: "error", summary: "PeerAuthentication enabling namespace-wide mTLS is missing" },
  KIA0207: { severity: "error", summary: "PeerAuthentication with TLS strict mode found, it should be permissive" },
  KIA0208: { severity: "error", summary: "PeerAuthentication enabling mTLS found, permissive mode needed" },
  KIA0209: { severity: "warning", summary: "This subset has not labels" },
  // DestinationRule (istioctl analyze)
  IST0128: {
    severity: "warning",
    summary:
      "No caCertificates are set in DestinationRule, this results in no verification of presented server certificate.",
  },
  // Gateway (Kiali)
  KIA0301: { severity: "warning", summary: "More than one Gateway for the same host port combination" },
  KIA0302: { severity: "warning", summary: "No matching workload found for gateway selector in this namespace" },
  // Gateway (istioctl analyze)
  IST0145: {
    severity: "error",
    summary: "Gateway should not have the same selector, port and matched hosts of server",
  },
  // PeerAuthentication (Kiali)
  KIA0401: { severity: "error", summary: "Mesh-wide Destination Rule enabling mTLS is missing" },
  KIA0501: { severity: "error", summary: "Destination Rule enabling namespace-wide mTLS is missing" },
  KIA0505: { severity: "error", summary: "Destination Rule disabling namespace-wide mTLS is missing" },
  KIA0506: { severity: "error", summary: "Destination Rule disabling mesh-wide mTLS is missing" },
  // Any kind with a workload selector (Kiali)
  KIA0004: { severity: "warning", summary: "No matching workload found for the selector in this namespace" },
  // istiod's webhook and the engine itself (Topsail)
  TOP0001: { severity: "error", summary: "istiod's validating webhook would deny this object" },
  TOP0002: { severity: "warning", summary: "istiod's validating webhook warns about this object" },
  TOP0003: { severity: "warning", summary: "Topsail could not check this object" },
  TOP0004: { severity: "error", summary: "The Kubernetes API server would refuse this object" },
  TOP0005: { severity: "error", summary: "This field is not declared in the CRD's schema" },
  // A Gateway's credential Secret (Topsail)
  TOP0301: { severity: "error", summary: "The credential Secret is not in the gateway workload's namespace" },
  TOP0302: { severity: "error", summary: "The credential Secret does not have the expected keys" },
  TOP0303: { severity: "error", summary: "The credential Secret's certificate does not parse" },
  TOP0304: { severity: "error", summary: "The credential Secret's certificate has expired" },
  TOP0305: { severity: "warning", summary: "The credential Secret's certificate expires soon" },
  TOP0306: { severity: "warning", summary: "The certificate does not cover this host" },
  TOP0307: { severity: "error", summary: "MUTUAL TLS requires a client CA bundle" },
  TOP0308: { severity: "info", summary: "Topsail may not read the credential Secret" },
  // The timeout and retry budget of call paths (Topsail, server/diagnosis)
  TOP1101: { severity: "warning", summary: "This timeout is shorter than what the callee may take" },
  TOP1102: { severity: "warning", summary: "Retries multiply along this call path" },
  TOP1103: { severity: "warning", summary: "Retries re-send requests that may not be idempotent" },
} as const satisfies Record<string, CheckDescriptor>;

export type CheckCode = keyof typeof CHECK_CODES;

interface CheckOptions {
  /** What exactly is wrong (a host, a subset…); appended to the summary after a colon. */
  detail?: string;
  /** The whole message, for checks whose wording belongs to istiod or istioctl. */
  message?: string;
  /** Some Kiali checks soften when nothing depends on the faulty part (see the rule). */
  severity?: CheckSeverity;
}

export function buildCheck(code: CheckCode, path: string, options: CheckOptions = {}): ValidationCheck {
  const descriptor: CheckDescriptor = CHECK_CODES[code];
  const message = options.message ?? (options.detail ? `${descriptor.summary}: ${options.detail}` : descriptor.summary);
  return { code, severity: options.severity ?? descriptor.severity, message, path };
}
