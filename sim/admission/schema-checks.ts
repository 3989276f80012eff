/**
 * What the API server checks before any webhook runs, in its order:
 * 1. decoding (`decodeSpecFields`): fields the CRD's structural schema does not declare are
 *    refused with fieldValidation=Strict (400, `strict decoding error: unknown field "spec.x"`),
 *    otherwise dropped, with a `Warning` under Warn;
 * 2. validation (`checkSchema`): ObjectMeta, the declared fields' types (lib/istio/schema)
 *    and the required fields of the Istio CRDs (`required: [host]` and friends) and of the
 *    built-in kinds. A failure is a 422 Invalid whose causes name each field, like
 *    `DestinationRule.networking.istio.io "reviews" is invalid: spec.host: Required value`.
 * The simulator's CRDs (sim/scenarios/default/00-istio-system.yaml) are preserve-unknown-fields
 * placeholders; the field tables live in lib/istio/schema so the console checks the same.
 */
import { checkSpecSchema, strictDecodingMessage, unknownFieldMessage, validateObjectMeta } from "@/lib/istio/schema";
import type { KubeObject } from "../store/types";
import type { AdmissionRequest, StatusCause } from "./types";

type Json = Record<string, unknown>;
type Check = (spec: Json, object: KubeObject) => StatusCause[];

function required(field: string): StatusCause {
  return { reason: "FieldValueRequired", message: "Required value", field };
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === "object") as Json[]) : [];
}

function asObject(value: unknown): Json | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function routeDestinations(causes: StatusCause[], routes: unknown, path: string): void {
  list(routes).forEach((r, i) => {
    const destination = asObject(r.destination);
    if (!destination) causes.push(required(`${path}[${i}].destination`));
    else if (isBlank(destination.host)) causes.push(required(`${path}[${i}].destination.host`));
  });
}

function checkVirtualService(spec: Json): StatusCause[] {
  const causes: StatusCause[] = [];
  list(spec.http).forEach((http, i) => {
    routeDestinations(causes, http.route, `spec.http[${i}].route`);
    const mirror = asObject(http.mirror);
    if (mirror && isBlank(mirror.host)) causes.push(required(`spec.http[${i}].mirror.host`));
  });
  list(spec.tcp).forEach((tcp, i) => routeDestinations(causes, tcp.route, `spec.tcp[${i}].route`));
  list(spec.tls).forEach((tls, i) => routeDestinations(causes, tls.route, `spec.tls[${i}].route`));
  return causes;
}

function checkDestinationRule(spec: Json): StatusCause[] {
  const causes: StatusCause[] = [];
  if (isBlank(spec.host)) causes.push(required("spec.host"));
  list(spec.subsets).forEach((s, i) => {
    if (isBlank(s.name)) causes.push(required(`spec.subsets[${i}].name`));
  });
  return causes;
}

function checkGateway(spec: Json): StatusCause[] {
  const causes: StatusCause[] = [];
  list(spec.servers).forEach((server, i) => {
    const port = asObject(server.port);
    if (!port) causes.push(required(`spec.servers[${i}].port`));
    else {
      if (isBlank(port.number)) causes.push(required(`spec.servers[${i}].port.number`));
      if (isBlank(port.protocol)) causes.push(required(`spec.servers[${i}].port.protocol`));
      if (isBlank(port.name)) causes.push(required(`spec.servers[${i}].port.name`));
    }
    if (server.hosts === undefined) causes.push(required(`spec.servers[${i}].hosts`));
  });
  return causes;
}

function checkServiceEntry(spec: Json): StatusCause[] {
  const causes: StatusCause[] = [];
  if (spec.hosts === undefined) causes.push(required("spec.hosts"));
  list(spec.ports).forEach((p, i) => {
    if (isBlank(p.number)) causes.push(required(`spec.ports[${i}].number`));
    if (isBlank(p.name)) causes.push(required(`spec.ports[${i}].name`));
  });
  return causes;
}

function checkContainers(spec: Json | undefined, path: string): StatusCause[] {
  const containers = list(spec?.containers);
  if (containers.length === 0) return [required(`${path}.containers`)];
  const causes: StatusCause[] = [];
  containers.forEach((c, i) => {
    if (isBlank(c.name)) causes.push(required(`${path}.containers[${i}].name`));
    if (isBlank(c.image)) causes.push(required(`${path}.containers[${i}].image`));
  });
  return causes;
}

function checkDeployment(spec: Json): StatusCause[] {
  const causes: StatusCause[] = [];
  const selector = asObject(spec.selector);
  if (!selector) causes.push(required("spec.selector"));
  const template = asObject(spec.template);
  const labels = (asObject(asObject(template?.metadata)?.labels) ?? {}) as Record<string, unknown>;
  const matchLabels = (asObject(selector?.matchLabels) ?? {}) as Record<string, unknown>;
  if (selector && Object.entries(matchLabels).some(([k, v]) => labels[k] !== v)) {
    causes.push({
      reason: "FieldValueInvalid",
      message: "Invalid value: " + JSON.stringify(labels) + ": `selector` does not match template `labels`",
      field: "spec.template.metadata.labels",
    });
  }
  causes.push(...checkContainers(asObject(template?.spec), "spec.template.spec"));
  return causes;
}

function checkService(spec: Json): StatusCause[] {
  const causes: StatusCause[] = [];
  list(spec.ports).forEach((p, i) => {
    const port = Number(p.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      causes.push({
        reason: "FieldValueInvalid",
        message: `Invalid value: ${String(p.port ?? 0)}: must be between 1 and 65535, inclusive`,
        field: `spec.ports[${i}].port`,
      });
    }
  });
  return causes;
}

const CHECKS: Record<string, Check> = {
  "networking.istio.io/VirtualService": checkVirtualService,
  "networking.istio.io/DestinationRule": checkDestinationRule,
  "networking.istio.io/Gateway": checkGateway,
  "networking.istio.io/ServiceEntry": checkServiceEntry,
  "apps/Deployment": checkDeployment,
  "apps/ReplicaSet": checkDeployment,
  "/Pod": (spec) => checkContainers(spec, "spec"),
  "/Service": checkService,
};

/** ObjectMeta first, then the spec's types, then its required fields, as the API server lists them. */
export function checkSchema(group: string, kind: string, object: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [...validateObjectMeta(object.metadata)];
  causes.push(...(checkSpecSchema(group, kind, object.spec)?.errors ?? []));
  const check = CHECKS[`${group}/${kind}`];
  if (check) causes.push(...check(asObject(object.spec) ?? {}, object));
  return causes;
}

export type DecodedFields = { object: KubeObject; warnings: string[] } | { strictError: string };

/** Unknown spec fields of a kind with a field table: refused (Strict) or pruned (Warn, Ignore). */
export function decodeSpecFields(request: AdmissionRequest, object: KubeObject): DecodedFields {
  const check = checkSpecSchema(request.group, request.kind, object.spec);
  if (!check || check.unknownFields.length === 0) return { object, warnings: [] };
  const mode = request.fieldValidation ?? "Warn";
  if (mode === "Strict")
    return { strictError: strictDecodingMessage(request.kind, request.version, check.unknownFields) };
  return {
    object: { ...object, spec: check.pruned },
    warnings: mode === "Warn" ? check.unknownFields.map(unknownFieldMessage) : [],
  };
}

/** `VirtualService.networking.istio.io "x" is invalid: spec.host: Required value`, or `[a, b]` for several. */
export function invalidMessage(group: string, kind: string, name: string, causes: StatusCause[]): string {
  const qualified = group === "" ? kind : `${kind}.${group}`;
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
  const joined = parts.length === 1 ? (parts[0] ?? "") : `[${parts.join(", ")}]`;
  return `${qualified} ${JSON.stringify(name)} is invalid: ${joined}`;
}
