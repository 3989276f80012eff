/**
 * After a conflict: the user's edit (base → mine) re-applied on top of the live version
 * (theirs), as a three-way merge of the editable forms. Fields both sides changed come back
 * as conflicts with both values, for the user to choose.
 */
import "server-only";
import { parseDocument, stringify } from "yaml";
import type { MergeConflict, RebaseRequest, RebaseResponse } from "@/lib/contracts/istio-objects";
import { TopsailError } from "@/server/errors";
import { toEditableObject, toYamlText } from "./editable-yaml";
import { ABSENT, mergeThreeWay } from "./three-way-merge";
import { findYamlShapeProblem } from "./yaml-shape";

function readSide(text: string, side: string): Record<string, unknown> {
  const document = parseDocument(text);
  const syntax = document.errors[0];
  if (syntax) throw new TopsailError("bad_request", `${side} is not valid YAML: ${syntax.message.split("\n")[0]}`);
  const shape = findYamlShapeProblem(document);
  if (shape) throw new TopsailError("bad_request", `${side} has ${shape.message}.`);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new TopsailError("bad_request", `${side} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new TopsailError("bad_request", `${side} must be one object.`);
  return toEditableObject(value as Record<string, unknown>);
}

const sideValue = (value: unknown) =>
  value === ABSENT
    ? { present: false, yaml: "" }
    : { present: true, yaml: stringify(value, { lineWidth: 0, indentSeq: false }).trimEnd() };

export function rebaseYaml(
  request: Required<Pick<RebaseRequest, "base" | "mine" | "theirs">> & { choices: Record<string, "mine" | "theirs"> },
): RebaseResponse {
  const base = readSide(request.base, "The version you loaded");
  const mine = readSide(request.mine, "Your version");
  const theirs = readSide(request.theirs, "The live version");
  const { merged, conflicts } = mergeThreeWay(base, mine, theirs, request.choices);
  const reported: MergeConflict[] = conflicts.map((c) => ({
    path: c.path,
    base: sideValue(c.base),
    mine: sideValue(c.mine),
    theirs: sideValue(c.theirs),
  }));
  return {
    yaml: toYamlText(merged as Record<string, unknown>),
    conflicts: reported,
    resolved: conflicts.every((c) => request.choices[c.path] !== undefined),
  };
}
