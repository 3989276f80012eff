/**
 * Evaluates a parsed expression against one node or edge, in three-valued logic:
 * `undefined` means "does not apply to this kind of element" and spreads like SQL's NULL,
 * so `NOT healthy` never selects an edge and `version = v1 OR rt > 200` selects v1 nodes
 * and slow edges. Only a definite `true` selects.
 */
import type { ViewEdge, ViewNode } from "../view-model";
import type { CompareOp, Expr } from "./parse";
import { flags, numericFields, textFields } from "./predicates";

export type Element = { kind: "node"; node: ViewNode } | { kind: "edge"; edge: ViewEdge };
type Tri = boolean | undefined;

const compareNumbers: Record<CompareOp, (a: number, b: number) => boolean> = {
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  // Rates arrive with 2 decimals; compare at that precision.
  "=": (a, b) => Math.abs(a - b) < 0.005,
  "!=": (a, b) => Math.abs(a - b) >= 0.005,
};

function evalCompare(expr: Extract<Expr, { kind: "compare" }>, el: Element): Tri {
  const numeric = numericFields[expr.field];
  if (numeric) {
    const value = el.kind === "node" ? numeric.node?.(el.node) : numeric.edge?.(el.edge);
    return value === undefined ? undefined : compareNumbers[expr.op](value, expr.value as number);
  }
  const text = textFields[expr.field];
  if (!text) return undefined;
  const getter =
    el.kind === "node" ? text.node && (() => text.node!(el.node)) : text.edge && (() => text.edge!(el.edge));
  if (!getter) return undefined;
  const wanted = String(expr.value).toLowerCase();
  const candidates = getter().filter((v): v is string => v !== undefined);
  if (candidates.length === 0) return undefined;
  const equal = candidates.some((v) => v.toLowerCase() === wanted);
  return expr.op === "=" ? equal : !equal;
}

function evalTri(expr: Expr, el: Element): Tri {
  switch (expr.kind) {
    case "or": {
      const l = evalTri(expr.left, el);
      const r = evalTri(expr.right, el);
      return l === true || r === true ? true : l === undefined || r === undefined ? undefined : false;
    }
    case "and": {
      const l = evalTri(expr.left, el);
      const r = evalTri(expr.right, el);
      return l === false || r === false ? false : l === undefined || r === undefined ? undefined : true;
    }
    case "not": {
      const v = evalTri(expr.expr, el);
      return v === undefined ? undefined : !v;
    }
    case "flag": {
      const flag = flags[expr.flag];
      const f = el.kind === "node" ? flag?.node && flag.node(el.node) : flag?.edge && flag.edge(el.edge);
      return f === undefined ? undefined : f;
    }
    case "compare":
      return evalCompare(expr, el);
  }
}

export function matchesExpression(expr: Expr, el: Element): boolean {
  return evalTri(expr, el) === true;
}
