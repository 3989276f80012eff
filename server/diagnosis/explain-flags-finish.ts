/**
 * The explainer's answer as the page reads it: each blamed field put on the line the editor
 * shows it on, and who set it to what it says now, from the audit log.
 *
 * - The line is found in the editable YAML of the object (server/istio-config-browser/
 *   editable-yaml.ts), the text the editor opens, with the editor markers' path lookup
 *   (locate-path.ts), so `?line=N` lands on the field.
 * - The change is the newest audit entry of the object whose `after` holds the field's current
 *   value and whose `before` did not; when a newer entry shows another value, the log missed the
 *   change that set it (the watcher was off) and none is claimed.
 */
import "server-only";
import { isDeepStrictEqual } from "node:util";
import { LineCounter, parseDocument } from "yaml";
import type { FlagCause, FlagExplanation } from "@/lib/contracts/flag-explanation";
import type { IstioObject } from "@/lib/istio/types/common";
import type { AuditEntry } from "@/server/adapters/db/audit-entries";
import { toEditableObject, toYamlText } from "@/server/istio-config-browser/editable-yaml";
import { locateRange, parsePath } from "@/server/istio-config-browser/locate-path";
import type { ExplainedFlag } from "./explain-flags";
import type { CauseAt } from "./explain-flags-types";

/** What the finish step needs of an audit entry: the object's versions and who made the change. */
export type AuditFact = Pick<
  AuditEntry,
  "id" | "actor" | "source" | "createdAt" | "kind" | "namespace" | "name" | "before" | "after"
>;

export const objectKey = (o: { kind: string; namespace: string; name: string }) => `${o.kind}/${o.namespace}/${o.name}`;

export const keyOfObject = (o: IstioObject<string, unknown>) =>
  objectKey({ kind: o.kind, namespace: o.metadata.namespace ?? "", name: o.metadata.name ?? "" });

function valueAt(object: unknown, path: string): unknown {
  let node = object;
  for (const segment of parsePath(path)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** The line of each path in an object's editable YAML, the text parsed once per object. */
export function lineFinder(): (object: IstioObject<string, unknown>, path: string) => number | null {
  const parsed = new Map<
    IstioObject<string, unknown>,
    { document: ReturnType<typeof parseDocument>; lines: LineCounter }
  >();
  return (object, path) => {
    let held = parsed.get(object);
    if (!held) {
      const lines = new LineCounter();
      const text = toYamlText(toEditableObject(object) as unknown as Record<string, unknown>);
      held = { document: parseDocument(text, { lineCounter: lines }), lines };
      parsed.set(object, held);
    }
    return locateRange(held.document, held.lines, path)?.line ?? null;
  };
}

/** The newest entry that set the field to its current value (entries of the object, newest first). */
export function changeThatSet(cause: CauseAt, entries: readonly AuditFact[]): FlagCause["change"] {
  const now = valueAt(cause.object, cause.path);
  for (const entry of entries) {
    const after = valueAt(entry.after, cause.path);
    if (!isDeepStrictEqual(after, now)) return undefined;
    if (!isDeepStrictEqual(valueAt(entry.before, cause.path), now))
      return { auditId: entry.id, actor: entry.actor, source: entry.source, at: entry.createdAt.toISOString() };
  }
  return undefined;
}

/** Generic so a node's flags keep their callers (explain-flags-node.ts). */
export function finishExplanations<T extends ExplainedFlag>(
  explained: readonly T[],
  /** Audit entries per object (`objectKey`), newest first; objects without entries may be absent. */
  changes: ReadonlyMap<string, readonly AuditFact[]>,
): (Omit<T, "causes"> & Pick<FlagExplanation, "causes">)[] {
  const lineOf = lineFinder();
  return explained.map(({ causes, ...rest }) => ({
    ...rest,
    causes: causes.map((cause) => {
      const change = changeThatSet(cause, changes.get(keyOfObject(cause.object)) ?? []);
      return {
        kind: cause.object.kind,
        namespace: cause.object.metadata.namespace ?? "",
        name: cause.object.metadata.name ?? "",
        path: cause.path,
        value: cause.value,
        line: lineOf(cause.object, cause.path),
        ...(change ? { change } : {}),
      };
    }),
  }));
}
