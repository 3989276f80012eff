/**
 * Applies scenario folders at boot: each folder's *.yaml/*.yml files in name order, each
 * document in file order, created through the store (so admission and controllers see them
 * as they would see `kubectl apply`). Stops at the first bad document with an error naming it.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { findResourceByKind } from "../store/resource-registry";
import type { KubeObject, StoreClient } from "../store/types";
import { ManifestError, parseManifests } from "./parse-manifests";

export interface ApplyReport {
  created: number;
  /** Already present (e.g. restored from a persisted store) and left untouched. */
  unchanged: number;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isAlreadyExists(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    ((error as { code?: unknown }).code === 409 || (error as { reason?: unknown }).reason === "AlreadyExists") &&
    /already exists/.test(errorMessage(error))
  );
}

export function listScenarioFiles(dir: string): string[] {
  if (!statSync(dir).isDirectory()) throw new Error(`scenario ${dir}: not a directory`);
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function describe(object: KubeObject): string {
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : "";
  return `${object.kind} ${ns}${object.metadata.name ?? object.metadata.generateName ?? "(unnamed)"}`;
}

export function applyManifestText(
  store: StoreClient,
  file: string,
  text: string,
  report: ApplyReport = { created: 0, unchanged: 0 },
): ApplyReport {
  for (const { object, document } of parseManifests(file, text)) {
    const def = findResourceByKind(object.apiVersion, object.kind);
    if (!def)
      throw new ManifestError(file, document, `no matches for kind "${object.kind}" in version "${object.apiVersion}"`);
    try {
      store.create({ group: def.group, resource: def.resource }, object);
      report.created++;
    } catch (error) {
      if (isAlreadyExists(error)) {
        report.unchanged++;
        continue;
      }
      throw new ManifestError(file, document, `${describe(object)}: ${errorMessage(error)}`);
    }
  }
  return report;
}

export function applyScenarioDirs(store: StoreClient, dirs: readonly string[]): ApplyReport {
  const report: ApplyReport = { created: 0, unchanged: 0 };
  for (const dir of dirs) {
    for (const file of listScenarioFiles(dir)) applyManifestText(store, file, readFileSync(file, "utf8"), report);
  }
  return report;
}
