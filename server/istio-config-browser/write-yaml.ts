/**
 * Saving YAML: parse it (bad input is a 400 carrying the problems with their lines, and
 * nothing reaches the cluster), then hand the object to the one write path
 * (server/istio-config: conflict check against the version the user loaded, validation,
 * dry-run, audit intent with source `editor`, apply with that resourceVersion, outcome).
 * The write path's validation findings come back placed on the user's lines too.
 */
import "server-only";
import type { ApplyResponse, ObjectRef, PreviewResponse, WriteRequest } from "@/lib/contracts/istio-objects";
import type { RouteRiskKind } from "@/lib/contracts/route-risks";
import type { ObjectValidation } from "@/lib/contracts/validations";
import type { IstioObjectRef, StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import type { ChangeOutcome, ChangePreview, IstioChange } from "@/server/istio-config";
import { changedPaths } from "./changed-paths";
import { toEditableObject, toEditableYaml } from "./editable-yaml";
import { locateChecks } from "./locate-checks";
import { parseIstioYaml, type ParsedIstioYaml } from "./parse-istio-yaml";
import { resolveKindOrThrow } from "./resolve-kind";

/** The write path and one read, passed in so the sequence is unit-tested without a cluster. */
export interface EditorWriteDeps {
  get(ref: IstioObjectRef): Promise<StoredIstioObject | undefined>;
  preview(request: { changes: IstioChange[]; source: "editor" }): Promise<ChangePreview>;
  apply(request: { changes: IstioChange[]; source: "editor"; confirm?: RouteRiskKind[] }): Promise<ChangeOutcome[]>;
}

function parseOrThrow(request: WriteRequest): ParsedIstioYaml {
  // The page's kind first: one that does not resolve names no object to check the YAML against.
  if (request.mode === "update") resolveKindOrThrow(request.target.kind);
  const target = request.mode === "create" ? { namespace: request.namespace } : request.target;
  const result = parseIstioYaml(request.yaml, target);
  if (result.ok) return result.parsed;
  const first = result.problems[0];
  throw new TopsailError(
    "bad_request",
    `Nothing was applied: ${first?.message ?? "the YAML is not one Istio object"}`,
    { details: { problems: result.problems } },
  );
}

/**
 * A create must not replace an object of the same name: refused here with the editor's own
 * message, and, for one created after this read, by the write path (a null base: must be absent).
 */
async function changeFor(deps: EditorWriteDeps, request: WriteRequest, parsed: ParsedIstioYaml): Promise<IstioChange> {
  const { kind, metadata } = parsed.object;
  const ref = { kind, namespace: metadata.namespace, name: metadata.name };
  if (request.mode === "update")
    return { ...ref, desired: parsed.object, baseResourceVersion: request.baseResourceVersion };
  const live = await deps.get(ref);
  if (live) {
    throw new TopsailError(
      "conflict",
      `${kind} ${ref.namespace}/${ref.name} already exists; open it to edit it, or choose another name.`,
      { details: { exists: true } },
    );
  }
  return { ...ref, desired: parsed.object, baseResourceVersion: null };
}

/** Write-path validation failures, with each check on the line of the user's text. */
async function withLocatedChecks<T>(parsed: ParsedIstioYaml, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const validations =
      error instanceof TopsailError ? (error.details?.validations as ObjectValidation[] | undefined) : undefined;
    if (!(error instanceof TopsailError) || !Array.isArray(validations)) throw error;
    const own = validations.find((v) => v.kind === parsed.object.kind && v.name === parsed.object.metadata.name);
    throw new TopsailError(error.code, error.message, {
      cause: error,
      details: { ...error.details, checks: locateChecks(own?.checks ?? [], parsed) },
    });
  }
}

export async function previewYaml(deps: EditorWriteDeps, request: WriteRequest): Promise<PreviewResponse> {
  const parsed = parseOrThrow(request);
  const change = await changeFor(deps, request, parsed);
  const preview = await withLocatedChecks(parsed, () => deps.preview({ changes: [change], source: "editor" }));
  const outcome = preview.outcomes[0];
  const before = outcome?.before ? toEditableObject(outcome.before) : null;
  const after = outcome?.after ? toEditableObject(outcome.after) : null;
  const own = preview.validations.find((v) => v.kind === parsed.object.kind && v.name === parsed.object.metadata.name);
  return {
    action: outcome?.action ?? "unchanged",
    before: outcome?.before ? toEditableYaml(outcome.before) : null,
    after: outcome?.after ? toEditableYaml(outcome.after) : null,
    changedPaths: changedPaths(before, after),
    checks: locateChecks(own?.checks ?? [], parsed),
    routeRisks: preview.routeRisks,
  };
}

export async function applyYaml(deps: EditorWriteDeps, request: WriteRequest): Promise<ApplyResponse> {
  const parsed = parseOrThrow(request);
  const change = await changeFor(deps, request, parsed);
  const outcomes = await withLocatedChecks(parsed, () =>
    deps.apply({ changes: [change], source: "editor", confirm: request.confirm }),
  );
  const outcome = outcomes[0];
  return {
    action: outcome?.action ?? "unchanged",
    kind: change.kind,
    namespace: change.namespace,
    name: change.name,
    resourceVersion: outcome?.after?.metadata.resourceVersion ?? null,
    auditId: outcome?.auditId ?? null,
  };
}

/** Deletes only the version the user saw (a newer one is a conflict), through the write path. */
export async function deleteObject(
  deps: EditorWriteDeps,
  ref: ObjectRef,
  resourceVersion: string,
): Promise<ApplyResponse> {
  const info = resolveKindOrThrow(ref.kind);
  const outcomes = await deps.apply({
    changes: [
      {
        kind: info.kind,
        namespace: ref.namespace,
        name: ref.name,
        desired: null,
        baseResourceVersion: resourceVersion,
      },
    ],
    source: "editor",
  });
  return {
    action: outcomes[0]?.action ?? "unchanged",
    kind: info.kind,
    namespace: ref.namespace,
    name: ref.name,
    resourceVersion: null,
    auditId: outcomes[0]?.auditId ?? null,
  };
}
