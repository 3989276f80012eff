/**
 * Write-path outcomes → what the UI shows for each object: action, YAML before/after and
 * their line diff (bounded). The wizards' review (server/traffic/run-wizard.ts) and rollback
 * (rollback.ts) both show it; it lives here, beside the YAML and the diff it is made of, so
 * that traffic depends on audit and never the other way round.
 */
import "server-only";
import type { ObjectChange } from "@/lib/contracts/traffic";
import { boundedLineDiff } from "@/lib/bounded-line-diff";
import { objectYaml } from "./object-yaml";
import type { ChangeOutcome } from "@/server/istio-config";

export function toObjectChange(outcome: ChangeOutcome): ObjectChange {
  const beforeYaml = objectYaml(outcome.before);
  const afterYaml = objectYaml(outcome.after);
  return {
    kind: outcome.kind,
    namespace: outcome.namespace,
    name: outcome.name,
    action: outcome.action,
    beforeYaml,
    afterYaml,
    ...boundedLineDiff(beforeYaml, afterYaml),
    ...(outcome.auditId ? { auditId: outcome.auditId } : {}),
  };
}
