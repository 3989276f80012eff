/**
 * meta.k8s.io/v1 Table responses, which is what `kubectl get` asks for. Built-in kinds use
 * computed cells; custom resources read their jsonPath columns, print arrays as JSON and
 * dates as ages, like the apiextensions table convertor.
 */
import type { KubeObject } from "../store/types";
import type { PrinterColumn, ResourceDef } from "../store/resource-registry";
import { PRINTER_CELLS, ageOf } from "./printer-cells";

export type IncludeObject = "None" | "Metadata" | "Object";

function readJsonPath(object: KubeObject, path: string): unknown {
  let node: unknown = object;
  for (const key of path.split(".").filter((k) => k !== "")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function cellOf(column: PrinterColumn, object: KubeObject, now: number): unknown {
  if (column.cell) return PRINTER_CELLS[column.cell]?.(object, now) ?? "";
  const value = readJsonPath(object, column.jsonPath ?? "");
  if (value === undefined || value === null) return null;
  if (column.type === "date") return ageOf(value, now);
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

function rowObject(object: KubeObject, include: IncludeObject): unknown {
  if (include === "Object") return object;
  if (include === "None") return undefined;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: object.metadata };
}

export function buildTable(
  def: ResourceDef,
  objects: KubeObject[],
  meta: Record<string, unknown>,
  include: IncludeObject,
): Record<string, unknown> {
  const now = Date.now();
  const columnDefinitions = def.printerColumns.map((c) => ({
    name: c.name,
    type: c.type,
    format: c.format ?? "",
    description: c.description,
    priority: c.priority,
  }));
  const rows = objects.map((o) => {
    const row: Record<string, unknown> = { cells: def.printerColumns.map((c) => cellOf(c, o, now)) };
    const embedded = rowObject(o, include);
    if (embedded !== undefined) row.object = embedded;
    return row;
  });
  return { kind: "Table", apiVersion: "meta.k8s.io/v1", metadata: meta, columnDefinitions, rows };
}

export function includeObjectParam(value: string | null): IncludeObject {
  return value === "Object" || value === "None" ? value : "Metadata";
}
