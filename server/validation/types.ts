/** The shapes every rule shares: the kinds validated, a rule's signature, object identity. */
import "server-only";
import type { ValidationCheck } from "@/lib/contracts/validations";
import type {
  AuthorizationPolicy,
  DestinationRule,
  Gateway,
  IstioObjectMeta,
  PeerAuthentication,
  RequestAuthentication,
  ServiceEntry,
  Sidecar,
  VirtualService,
  WorkloadEntry,
} from "@/lib/istio/types";
import type { ValidationContext } from "./context";

export type { ValidationCheck };

export interface KindMap {
  VirtualService: VirtualService;
  DestinationRule: DestinationRule;
  Gateway: Gateway;
  ServiceEntry: ServiceEntry;
  Sidecar: Sidecar;
  WorkloadEntry: WorkloadEntry;
  PeerAuthentication: PeerAuthentication;
  AuthorizationPolicy: AuthorizationPolicy;
  RequestAuthentication: RequestAuthentication;
}

export type ValidatedKind = keyof KindMap;

/** Any Istio object as a user may hand it in: unsaved, fields unchecked. */
export interface ValidatableObject {
  apiVersion?: string;
  kind: string;
  metadata?: IstioObjectMeta;
  spec?: unknown;
}

/** A rule reads one object against the mesh and reports what is wrong; it never throws on purpose. */
export type Rule<T> = (object: T, context: ValidationContext) => ValidationCheck[];

/** An object without a namespace is where kubectl would create it. */
export function namespaceOf(object: { metadata?: IstioObjectMeta }): string {
  return object.metadata?.namespace || "default";
}

export function isSameObject(a: ValidatableObject, b: ValidatableObject): boolean {
  return a.kind === b.kind && namespaceOf(a) === namespaceOf(b) && a.metadata?.name === b.metadata?.name;
}
