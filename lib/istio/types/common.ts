/**
 * Shapes shared by Istio's networking and security APIs, as they appear in the YAML users
 * write (proto JSON names). Every field is optional because objects arrive unchecked from
 * users and the validators must be able to describe what is missing.
 */

export interface IstioObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
  generation?: number;
}

export interface IstioObject<Kind extends string, Spec> {
  apiVersion: string;
  kind: Kind;
  metadata: IstioObjectMeta;
  spec?: Spec;
  status?: Record<string, unknown>;
}

/** `exact`, `prefix` or `regex` (RE2); an empty object means "present" in header matches. */
export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

export interface PortSelector {
  number?: number;
}

export interface Percent {
  value?: number;
}

export interface WorkloadSelector {
  matchLabels?: Record<string, string>;
}

export interface PolicyTargetReference {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/** Go-style duration string as Istio accepts it: "1.5s", "500ms", "3m". */
export type Duration = string;
