/**
 * Preview and apply of a wizard: read the live objects, build the desired ones with the
 * wizard's pure builder, and hand them to the one write path (validate → dry-run → intent →
 * apply DestinationRule before VirtualService → outcome). Every write is conditioned on
 * what the change was built from (docs/ARCHITECTURE.md "Writes"): the resourceVersions the user
 * started from when the request names them (`base`), else those of the objects this request
 * read — null for an object it found absent, which must then still be absent. So an object
 * someone changed or created meanwhile is a 409 conflict, never an overwrite.
 */
import "server-only";
import type {
  WizardBase,
  WizardId,
  WizardInputs,
  WizardPreview,
  WizardApplied,
  WizardRequest,
} from "@/lib/contracts/traffic";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { wizardBuilders } from "@/server/istio-config/builders";
import type { ChangeOutcome, ChangePreview, IstioChange, WriteRequest } from "@/server/istio-config";
import { TopsailError } from "@/server/errors";
import { toObjectChange } from "@/server/audit/object-changes";
import { loadTrafficContext, type TrafficReadDeps } from "./traffic-context";
import { blockedReason } from "./traffic-state";

export interface TrafficWriteDeps extends TrafficReadDeps {
  preview(request: WriteRequest): Promise<ChangePreview>;
  apply(request: WriteRequest): Promise<ChangeOutcome[]>;
}

interface Target {
  namespace: string;
  service: string;
}

function changeFor(
  kind: "VirtualService" | "DestinationRule",
  namespace: string,
  fallbackName: string,
  live: { metadata: { name?: string; resourceVersion?: string } } | null,
  desired: { metadata: { name?: string } } | null | undefined,
  base: string | null,
): IstioChange | undefined {
  if (desired === undefined) return undefined;
  const name = live?.metadata.name ?? desired?.metadata.name ?? fallbackName;
  // The user saw no object and one exists now: someone else created it meanwhile.
  if (base === null && live)
    throw new TopsailError(
      "conflict",
      `${kind} ${namespace}/${name} was created by someone else since you opened the wizard; reopen it to start from the live object.`,
    );
  return { kind, namespace, name, desired: desired as StoredIstioObject | null, baseResourceVersion: base };
}

/** The base of a request that names none: what this request read (null: absent). */
const readBase = (existing: { metadata: { resourceVersion?: string } } | null): string | null =>
  existing?.metadata.resourceVersion ?? null;

async function plan<W extends WizardId>(
  deps: TrafficReadDeps,
  target: Target,
  wizard: W,
  input: WizardInputs[W],
  base: WizardBase | undefined,
): Promise<IstioChange[]> {
  const context = await loadTrafficContext(deps, target.namespace, target.service);
  const blocked = blockedReason(context, wizard);
  if (blocked) throw new TopsailError("bad_request", blocked);
  const built = wizardBuilders[wizard].build(context.existing, input);
  const { virtualService, destinationRule } = context.existing;
  const { virtualService: vsBase, destinationRule: drBase } = base ?? {
    virtualService: readBase(virtualService),
    destinationRule: readBase(destinationRule),
  };
  return [
    changeFor("DestinationRule", target.namespace, target.service, destinationRule, built.destinationRule, drBase),
    changeFor("VirtualService", target.namespace, target.service, virtualService, built.virtualService, vsBase),
  ].filter((c): c is IstioChange => c !== undefined);
}

export async function previewWizard<W extends WizardId>(
  deps: TrafficWriteDeps,
  target: Target,
  wizard: W,
  request: WizardRequest<W>,
): Promise<WizardPreview> {
  const changes = await plan(deps, target, wizard, request.input, request.base);
  if (changes.length === 0) return { changes: [], validations: [], routeRisks: [] };
  const preview = await deps.preview({ changes, source: "wizard", comment: request.comment });
  return {
    changes: preview.outcomes.map(toObjectChange),
    validations: preview.validations,
    routeRisks: preview.routeRisks,
  };
}

export async function applyWizard<W extends WizardId>(
  deps: TrafficWriteDeps,
  target: Target,
  wizard: W,
  request: WizardRequest<W>,
): Promise<WizardApplied> {
  const changes = await plan(deps, target, wizard, request.input, request.base);
  if (changes.length === 0) return { changes: [] };
  const outcomes = await deps.apply({ changes, source: "wizard", comment: request.comment, confirm: request.confirm });
  return { changes: outcomes.map(toObjectChange) };
}
