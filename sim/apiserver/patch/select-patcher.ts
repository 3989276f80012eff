/**
 * Patch strategies by Content-Type. Strategic merge exists only for compiled-in kinds; a
 * custom resource gets 415, as from a real server, and clients fall back to merge patch.
 */
import type { ResourceDef } from "../../store/resource-registry";
import { unsupportedMediaType } from "../status-error";
import { applyMergePatch } from "./merge-patch";
import { applyJsonPatch } from "./json-patch";
import { applyStrategicMergePatch } from "./strategic-merge-patch";

export type Patcher = (current: unknown, patch: unknown, def: ResourceDef) => unknown;

const PATCHERS: Record<string, { patcher: Patcher; builtInOnly: boolean }> = {
  "application/merge-patch+json": { patcher: (c, p) => applyMergePatch(c, p), builtInOnly: false },
  "application/json-patch+json": { patcher: (c, p) => applyJsonPatch(c, p), builtInOnly: false },
  "application/strategic-merge-patch+json": {
    patcher: (c, p, d) => applyStrategicMergePatch(c, p, d.mergeKeys),
    builtInOnly: true,
  },
  // Server-side apply without field ownership: the applied configuration merges like a strategic patch.
  "application/apply-patch+yaml": {
    patcher: (c, p, d) => applyStrategicMergePatch(c, p, d.mergeKeys),
    builtInOnly: false,
  },
};

export function selectPatcher(contentType: string, def: ResourceDef): Patcher {
  const entry = PATCHERS[contentType];
  const accepted = Object.keys(PATCHERS).filter((t) => def.builtIn || !PATCHERS[t]?.builtInOnly);
  if (!entry || (entry.builtInOnly && !def.builtIn)) throw unsupportedMediaType(contentType, accepted);
  return entry.patcher;
}
