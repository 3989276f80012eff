/** security.istio.io/v1 kinds (proto JSON field names). */
import type { IstioObject, PolicyTargetReference, WorkloadSelector } from "./common";

export type MutualTLSMode = "UNSET" | "DISABLE" | "PERMISSIVE" | "STRICT";

export interface PeerAuthenticationSpec {
  selector?: WorkloadSelector;
  mtls?: { mode?: MutualTLSMode };
  portLevelMtls?: Record<string, { mode?: MutualTLSMode }>;
}

export interface AuthorizationSource {
  principals?: string[];
  notPrincipals?: string[];
  requestPrincipals?: string[];
  notRequestPrincipals?: string[];
  namespaces?: string[];
  notNamespaces?: string[];
  ipBlocks?: string[];
  notIpBlocks?: string[];
  remoteIpBlocks?: string[];
  notRemoteIpBlocks?: string[];
}

export interface AuthorizationOperation {
  hosts?: string[];
  notHosts?: string[];
  ports?: string[];
  notPorts?: string[];
  methods?: string[];
  notMethods?: string[];
  paths?: string[];
  notPaths?: string[];
}

export interface AuthorizationRule {
  from?: Array<{ source?: AuthorizationSource }>;
  to?: Array<{ operation?: AuthorizationOperation }>;
  when?: Array<{ key?: string; values?: string[]; notValues?: string[] }>;
}

export type AuthorizationAction = "ALLOW" | "DENY" | "AUDIT" | "CUSTOM";

export interface AuthorizationPolicySpec {
  selector?: WorkloadSelector;
  targetRef?: PolicyTargetReference;
  targetRefs?: PolicyTargetReference[];
  rules?: AuthorizationRule[];
  action?: AuthorizationAction;
  provider?: { name?: string };
}

export interface JWTRule {
  issuer?: string;
  audiences?: string[];
  jwksUri?: string;
  jwks?: string;
  fromHeaders?: Array<{ name?: string; prefix?: string }>;
  fromParams?: string[];
  fromCookies?: string[];
  outputPayloadToHeader?: string;
  forwardOriginalToken?: boolean;
  outputClaimToHeaders?: Array<{ header?: string; claim?: string }>;
  timeout?: string;
}

export interface RequestAuthenticationSpec {
  selector?: WorkloadSelector;
  targetRef?: PolicyTargetReference;
  targetRefs?: PolicyTargetReference[];
  jwtRules?: JWTRule[];
}

export type PeerAuthentication = IstioObject<"PeerAuthentication", PeerAuthenticationSpec>;
export type AuthorizationPolicy = IstioObject<"AuthorizationPolicy", AuthorizationPolicySpec>;
export type RequestAuthentication = IstioObject<"RequestAuthentication", RequestAuthenticationSpec>;
