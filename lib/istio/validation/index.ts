/**
 * The checks istiod's validating webhook (`validation.istio.io`) makes, as data: each finding
 * carries istiod's message and a path into the object. The simulator's admission turns
 * errors into the webhook's denial; the console shows the same findings before saving.
 */
import type { IstioObjectMeta } from "../types";
import { checkAuthorizationPolicy } from "./authorization-policy";
import { checkDestinationRule } from "./destination-rule";
import { checkGateway } from "./gateway";
import { MESSAGES as M } from "./messages";
import { checkPeerAuthentication } from "./peer-authentication";
import { checkRequestAuthentication } from "./request-authentication";
import { checkServiceEntry } from "./service-entry";
import { checkSidecar } from "./sidecar";
import { Findings, type ValidationFinding } from "./types";
import { checkVirtualService } from "./virtual-service";
import { checkWorkloadEntry } from "./workload-entry";

export type { Severity, ValidationFinding } from "./types";
export { errorsOf, warningsOf } from "./types";
export { MESSAGES } from "./messages";

export interface ValidatableObject {
  apiVersion?: string;
  kind: string;
  metadata?: IstioObjectMeta;
  spec?: unknown;
}

type Validator = (f: Findings, spec: never, meta: IstioObjectMeta) => void;

/** Kind → validator; a kind not listed here is not validated by istiod. */
const VALIDATORS: Record<string, { group: string; check: Validator }> = {
  VirtualService: {
    group: "networking.istio.io",
    check: (f, spec, meta) => checkVirtualService(f, spec, meta.namespace),
  },
  DestinationRule: {
    group: "networking.istio.io",
    check: (f, spec, meta) => checkDestinationRule(f, spec, meta.namespace),
  },
  Gateway: { group: "networking.istio.io", check: (f, spec, meta) => checkGateway(f, spec, meta.name) },
  ServiceEntry: { group: "networking.istio.io", check: (f, spec, meta) => checkServiceEntry(f, spec, meta.namespace) },
  Sidecar: { group: "networking.istio.io", check: (f, spec) => checkSidecar(f, spec) },
  WorkloadEntry: { group: "networking.istio.io", check: (f, spec) => checkWorkloadEntry(f, spec) },
  PeerAuthentication: { group: "security.istio.io", check: (f, spec) => checkPeerAuthentication(f, spec) },
  RequestAuthentication: { group: "security.istio.io", check: (f, spec) => checkRequestAuthentication(f, spec) },
  AuthorizationPolicy: {
    group: "security.istio.io",
    check: (f, spec, meta) => checkAuthorizationPolicy(f, spec, meta.name ?? "", meta.namespace ?? ""),
  },
};

export function isValidatedKind(group: string, kind: string): boolean {
  return VALIDATORS[kind]?.group === group;
}

export function validateIstioConfig(object: ValidatableObject): ValidationFinding[] {
  const entry = VALIDATORS[object.kind];
  if (!entry) return [];
  const f = new Findings();
  const meta = object.metadata ?? {};
  if (meta.annotations && "istio.io/alwaysReject" in meta.annotations) {
    f.error("metadata/annotations", M.alwaysReject());
    return f.items;
  }
  const spec = (object.spec && typeof object.spec === "object" ? object.spec : {}) as never;
  entry.check(f, spec, meta);
  return f.items;
}
