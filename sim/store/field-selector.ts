/**
 * Field selectors as the real server supports them for the kinds the simulator serves:
 * metadata.name and metadata.namespace for every kind, plus the pod fields kubectl and
 * controllers use (status.phase, spec.nodeName). Unsupported fields are a 400, as upstream.
 */
import type { KubeObject } from "./types";
import { badRequest } from "../apiserver/status-error";

export type ObjectPredicate = (object: KubeObject) => boolean;

function readPath(object: KubeObject, path: string[]): string {
  let node: unknown = object;
  for (const key of path) {
    if (node === null || typeof node !== "object") return "";
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "string" ? node : node === undefined ? "" : String(node);
}

const FIELDS: Record<string, string[]> = {
  "metadata.name": ["metadata", "name"],
  "metadata.namespace": ["metadata", "namespace"],
  "status.phase": ["status", "phase"],
  "spec.nodeName": ["spec", "nodeName"],
  "spec.serviceAccountName": ["spec", "serviceAccountName"],
  "involvedObject.name": ["involvedObject", "name"],
  "involvedObject.kind": ["involvedObject", "kind"],
  "involvedObject.uid": ["involvedObject", "uid"],
  type: ["type"],
};

const TERM = /^([A-Za-z.]+)\s*(==|=|!=)\s*(.*)$/;

export function parseFieldSelector(selector: string | null | undefined): ObjectPredicate {
  if (!selector || selector.trim() === "") return () => true;
  const tests = selector.split(",").map((term): ObjectPredicate => {
    const m = TERM.exec(term.trim());
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const path = FIELDS[m[1] ?? ""];
    if (!path) throw badRequest(`field label not supported: ${m[1]}`);
    const value = m[3] ?? "";
    return m[2] === "!=" ? (o) => readPath(o, path) !== value : (o) => readPath(o, path) === value;
  });
  return (object) => tests.every((t) => t(object));
}
