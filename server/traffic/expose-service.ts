/**
 * Preview and apply of "Expose this service" (builder: server/istio-config/builders/
 * expose-service.ts) through the one write path. Both objects are created with a null base,
 * so an object someone creates meanwhile is a conflict, never overwritten; one that exists
 * already is refused up front, naming it. For HTTPS the credential Secret is read as the
 * viewer where the ingress pods would read it: the preview shows what was found (facts only)
 * and the TOP03xx checks, and apply refuses a Secret those checks call an error — a Gateway
 * that cannot load its certificate serves no TLS at all.
 */
import "server-only";
import type { ExposePreview, ExposeRequest } from "@/lib/contracts/expose";
import type { SecretFacts } from "@/lib/contracts/gateways";
import type { WizardApplied } from "@/lib/contracts/traffic";
import type { ValidationCheck } from "@/lib/contracts/validations";
import type { Gateway } from "@/lib/istio/types";
import { toObjectChange } from "@/server/audit/object-changes";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import type { ChangeOutcome, ChangePreview, IstioChange, WriteRequest } from "@/server/istio-config";
import { buildExposeService } from "@/server/istio-config/builders/expose-service";

export interface ExposeDeps {
  listServices(namespace: string): Promise<ServiceSummary[]>;
  /** The live object of that name, if any (from the cache). */
  findIstioObject(kind: "Gateway" | "VirtualService", namespace: string, name: string): Promise<boolean>;
  /** The Gateway's credential Secrets as the viewer may read them, and its TOP03xx checks. */
  checkCredentials(gateway: Gateway): Promise<{ credentials: SecretFacts[]; checks: ValidationCheck[] }>;
  preview(request: WriteRequest): Promise<ChangePreview>;
  apply(request: WriteRequest): Promise<ChangeOutcome[]>;
}

interface Target {
  namespace: string;
  service: string;
}

async function plan(deps: ExposeDeps, target: Target, request: ExposeRequest) {
  const service = (await deps.listServices(target.namespace)).find((s) => s.name === target.service);
  if (!service) throw new TopsailError("not_found", `Service ${target.namespace}/${target.service} does not exist.`);
  const { servicePort } = request.input;
  if (!service.ports.some((p) => p.port === servicePort))
    throw new TopsailError(
      "bad_request",
      `servicePort: ${target.service} has no port ${servicePort}; its ports are ${service.ports.map((p) => p.port).join(", ") || "none"}`,
      { details: { field: "servicePort" } },
    );
  const built = buildExposeService({ namespace: target.namespace, name: target.service }, request.input);
  for (const object of [built.gateway, built.virtualService]) {
    const name = object.metadata.name ?? "";
    if (await deps.findIstioObject(object.kind, target.namespace, name))
      throw new TopsailError(
        "conflict",
        `${object.kind} ${target.namespace}/${name} already exists; edit it in Istio config instead of exposing the service again.`,
      );
  }
  const credential =
    request.input.protocol === "HTTPS" ? await deps.checkCredentials(built.gateway) : { credentials: [], checks: [] };
  // The Gateway first: the VirtualService names it, and a VirtualService bound to a missing gateway is KIA1102.
  const changes: IstioChange[] = [built.gateway, built.virtualService].map((desired) => ({
    kind: desired.kind,
    namespace: target.namespace,
    name: desired.metadata.name ?? "",
    desired: desired as unknown as StoredIstioObject,
    baseResourceVersion: null,
  }));
  return { changes, credential };
}

export async function previewExposeService(
  deps: ExposeDeps,
  target: Target,
  request: ExposeRequest,
): Promise<ExposePreview> {
  const { changes, credential } = await plan(deps, target, request);
  const preview = await deps.preview({ changes, source: "wizard", comment: request.comment });
  return {
    changes: preview.outcomes.map(toObjectChange),
    validations: preview.validations,
    // Always empty: an exposed service's route names no subset.
    routeRisks: preview.routeRisks,
    credentials: credential.credentials,
    credentialChecks: credential.checks,
  };
}

export async function applyExposeService(
  deps: ExposeDeps,
  target: Target,
  request: ExposeRequest,
): Promise<WizardApplied> {
  const { changes, credential } = await plan(deps, target, request);
  const refused = credential.checks.find((c) => c.severity === "error");
  if (refused)
    throw new TopsailError("bad_request", `credentialName: ${refused.message} (${refused.code})`, {
      details: { field: "credentialName", code: refused.code },
    });
  const outcomes = await deps.apply({ changes, source: "wizard", comment: request.comment });
  return { changes: outcomes.map(toObjectChange) };
}
