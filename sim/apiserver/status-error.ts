/**
 * Kubernetes Status errors with the exact reasons and messages a real API server sends
 * (k8s.io/apimachinery/pkg/api/errors), so kubectl and client-node print and branch on them
 * as they would against a real cluster. The store throws these; the HTTP layer serialises them.
 */
import type { StatusCause } from "../admission/types";

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export class StatusError extends Error {
  readonly status: Status;

  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(message);
    this.name = "StatusError";
    this.status = {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message,
      reason,
      code,
      ...(details ? { details } : {}),
    };
  }

  get code(): number {
    return this.status.code;
  }
}

/** The pieces of a resource Status messages name: plural resource and group. */
export interface ResourceName {
  group: string;
  resource: string;
}

function qualified(r: ResourceName): string {
  return r.group === "" ? r.resource : `${r.resource}.${r.group}`;
}

export function notFound(r: ResourceName, name: string): StatusError {
  return new StatusError(404, "NotFound", `${qualified(r)} "${name}" not found`, {
    name,
    group: r.group,
    kind: r.resource,
  });
}

export function alreadyExists(r: ResourceName, name: string): StatusError {
  return new StatusError(409, "AlreadyExists", `${qualified(r)} "${name}" already exists`, {
    name,
    group: r.group,
    kind: r.resource,
  });
}

export function conflict(r: ResourceName, name: string): StatusError {
  return new StatusError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualified(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: r.group, kind: r.resource },
  );
}

/** 422 Invalid: `VirtualService.networking.istio.io "x" is invalid: spec.hosts: Required value`. */
export function invalid(kind: string, group: string, name: string, causes: StatusCause[]): StatusError {
  const qualifiedKind = group === "" ? kind : `${kind}.${group}`;
  const text = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const joined = text.length === 1 ? text[0] : `[${text.join(", ")}]`;
  return new StatusError(422, "Invalid", `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    group,
    kind,
    causes,
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, "BadRequest", message);
}

export function unauthorized(): StatusError {
  return new StatusError(401, "Unauthorized", "Unauthorized");
}

export interface ForbiddenInput {
  user: string;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export function forbidden(input: ForbiddenInput): StatusError {
  const res = input.subresource ? `${input.resource}/${input.subresource}` : input.resource;
  const subject = input.name ? `${qualified(input)} "${input.name}"` : qualified(input);
  const scope = input.namespace ? `in the namespace "${input.namespace}"` : "at the cluster scope";
  return new StatusError(
    403,
    "Forbidden",
    `${subject} is forbidden: User "${input.user}" cannot ${input.verb} resource "${res}" in API group "${input.group}" ${scope}`,
    { ...(input.name ? { name: input.name } : {}), group: input.group, kind: input.resource },
  );
}

export function methodNotAllowed(): StatusError {
  return new StatusError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
}

export function unsupportedMediaType(_contentType: string, accepted: string[]): StatusError {
  return new StatusError(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
  );
}

export function expired(requested: string, oldest: string): StatusError {
  return new StatusError(410, "Expired", `too old resource version: ${requested} (${oldest})`);
}

export function tooLarge(limit: number): StatusError {
  return new StatusError(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limit}`);
}

export function pathNotFound(): StatusError {
  return new StatusError(404, "NotFound", "the server could not find the requested resource");
}

export function namespaceNotFound(namespace: string): StatusError {
  return notFound({ group: "", resource: "namespaces" }, namespace);
}

export function internalError(err: unknown): StatusError {
  const message = err instanceof Error ? err.message : String(err);
  return new StatusError(500, "InternalError", `Internal error occurred: ${message}`);
}

export function isStatusError(err: unknown): err is StatusError {
  return err instanceof StatusError;
}
