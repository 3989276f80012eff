/** What every resource handler receives: the parsed request, the caller, and the server's parts. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { FIELD_VALIDATIONS, type FieldValidation } from "../admission/types";
import type { MemoryStore } from "../store/memory-store";
import type { AdmitFunction } from "../store/admitted-store";
import type { KubeObject } from "../store/types";
import { apiVersionOf, type ResourceDef } from "../store/resource-registry";
import type { ContainerLogStore } from "../logs/container-log-store";
import type { ResourceTarget } from "./parse-request-path";
import type { PodPorts } from "./pod-ports";
import { badRequest } from "./status-error";

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  /** Extra attributes (authentication.k8s.io/v1 UserInfo.extra), set only by impersonation here. */
  extra?: Record<string, string[]>;
}

export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** An RBAC PolicyRule (rbac.authorization.k8s.io/v1), as Roles and ClusterRoles hold them. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** Returns the caller, or undefined for a missing or unknown token (401). */
export type Authenticator = (req: IncomingMessage) => UserInfo | undefined;

/** kube-apiserver's authorizer and rule resolver in one: the second answers SelfSubjectRulesReview. */
export interface Authorizer {
  allows(attributes: AuthorizationAttributes): boolean;
  /** The rules that apply to the user in the namespace: cluster-wide bindings first, then the namespace's. */
  rulesFor(user: UserInfo, namespace: string): PolicyRule[];
}

export interface ApiServerDeps {
  memory: MemoryStore;
  admit: AdmitFunction;
  authenticate: Authenticator;
  authorize: Authorizer;
  /** Seconds between watch BOOKMARK events. */
  bookmarkIntervalSeconds?: number;
  /**
   * How long every resource request (except a watch) waits before it is served: a slow
   * API server or a slow admission webhook, for testing what clients do meanwhile. Read on
   * each request, so a running simulator can be slowed down and sped up again.
   */
  latency?: { ms: number };
  /** What the pods' containers printed, served by the `log` subresource (serve-pod-log.ts); absent = empty logs. */
  podLogs?: ContainerLogStore;
  /** What `pods/portforward` connects to; without it every port of every pod refuses. */
  podPorts?: PodPorts;
}

export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  target: ResourceTarget;
  verb: string;
  user: UserInfo;
  deps: ApiServerDeps;
}

/** The object as served at the requested version: only apiVersion differs, the schemas are the same. */
export function asServed(object: KubeObject, def: ResourceDef, version: string): KubeObject {
  const apiVersion = apiVersionOf(def, version);
  return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
}

export function isDryRun(url: URL): boolean {
  return url.searchParams.getAll("dryRun").includes("All");
}

/** What a write's query asks of the pipeline: a dry run, and what to do with undeclared fields. */
export interface WriteOptions {
  dryRun: boolean;
  fieldValidation?: FieldValidation;
}

export function writeOptionsOf(url: URL): WriteOptions {
  const given = url.searchParams.get("fieldValidation");
  if (given === null || given === "") return { dryRun: isDryRun(url) };
  const fieldValidation = FIELD_VALIDATIONS.find((v) => v === given);
  if (!fieldValidation)
    throw badRequest(
      `fieldValidation: Unsupported value: ${JSON.stringify(given)}: supported values: ${FIELD_VALIDATIONS.map((v) => JSON.stringify(v)).join(", ")}`,
    );
  return { dryRun: isDryRun(url), fieldValidation };
}
