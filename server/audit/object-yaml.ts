/**
 * Objects as people read them in a diff: the YAML of what they wrote, without the fields
 * the API server manages (resourceVersion, uid, managedFields, status…), which change on
 * every write and would drown the one line that matters.
 */
import "server-only";
import { stringify } from "yaml";

const serverMetadata = ["resourceVersion", "uid", "generation", "creationTimestamp", "managedFields", "selfLink"];

export function withoutServerFields(
  object: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null {
  if (!object) return null;
  const { status: _status, ...rest } = object;
  // Injection entries record only the settings (audited-kinds.ts), without metadata.
  if (rest.metadata === undefined) return rest;
  const metadata = { ...((rest.metadata as Record<string, unknown> | undefined) ?? {}) };
  for (const field of serverMetadata) delete metadata[field];
  const annotations = metadata.annotations as Record<string, string> | undefined;
  if (annotations?.["kubectl.kubernetes.io/last-applied-configuration"] !== undefined) {
    const { "kubectl.kubernetes.io/last-applied-configuration": _applied, ...others } = annotations;
    if (Object.keys(others).length > 0) metadata.annotations = others;
    else delete metadata.annotations;
  }
  return { ...rest, metadata };
}

export function objectYaml(object: Record<string, unknown> | null | undefined): string {
  const clean = withoutServerFields(object);
  return clean ? stringify(clean, { lineWidth: 0 }) : "";
}
