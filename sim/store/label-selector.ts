/**
 * Kubernetes label selector strings (`app=reviews,version!=v1,env in (a,b),!canary`),
 * parsed once per request into a predicate so lists and watches filter cheaply.
 */
import { badRequest } from "../apiserver/status-error";

export type Labels = Record<string, string> | undefined;
export type LabelPredicate = (labels: Labels) => boolean;

type Requirement =
  | { op: "=" | "!="; key: string; value: string }
  | { op: "in" | "notin"; key: string; values: string[] }
  | { op: "exists" | "!exists"; key: string };

const TESTS: Record<Requirement["op"], (r: Requirement, labels: Record<string, string>) => boolean> = {
  "=": (r, l) => r.op === "=" && l[r.key] === r.value,
  "!=": (r, l) => r.op === "!=" && l[r.key] !== r.value,
  in: (r, l) => r.op === "in" && l[r.key] !== undefined && r.values.includes(l[r.key] ?? ""),
  notin: (r, l) => r.op === "notin" && (l[r.key] === undefined || !r.values.includes(l[r.key] ?? "")),
  exists: (r, l) => r.key in l,
  "!exists": (r, l) => !(r.key in l),
};

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      terms.push(current);
      current = "";
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter((t) => t !== "");
}

const SET_TERM = /^([A-Za-z0-9._/-]+)\s+(in|notin)\s*\(([^)]*)\)$/;
const EQ_TERM = /^([A-Za-z0-9._/-]+)\s*(==|=|!=)\s*([A-Za-z0-9._-]*)$/;
const EXISTS_TERM = /^(!?)([A-Za-z0-9._/-]+)$/;

function parseTerm(term: string): Requirement {
  const set = SET_TERM.exec(term);
  if (set) {
    const values = (set[3] ?? "")
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    return { op: set[2] === "in" ? "in" : "notin", key: set[1] ?? "", values };
  }
  const eq = EQ_TERM.exec(term);
  if (eq) return { op: eq[2] === "!=" ? "!=" : "=", key: eq[1] ?? "", value: eq[3] ?? "" };
  const ex = EXISTS_TERM.exec(term);
  if (ex) return { op: ex[1] === "!" ? "!exists" : "exists", key: ex[2] ?? "" };
  throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
}

export function parseLabelSelector(selector: string | null | undefined): LabelPredicate {
  if (!selector || selector.trim() === "") return () => true;
  const requirements = splitTerms(selector).map(parseTerm);
  return (labels) => {
    const l = labels ?? {};
    return requirements.every((r) => TESTS[r.op](r, l));
  };
}

/** A metav1.LabelSelector object (matchLabels/matchExpressions) as a predicate, e.g. a Deployment's selector. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const EXPRESSION_OPS: Record<string, Requirement["op"]> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!exists",
};

export function labelSelectorObjectToPredicate(selector: LabelSelectorObject | undefined): LabelPredicate {
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) requirements.push({ op: "=", key, value });
  for (const e of selector?.matchExpressions ?? []) {
    const op = EXPRESSION_OPS[e.operator];
    if (op === "in" || op === "notin") requirements.push({ op, key: e.key, values: e.values ?? [] });
    else if (op === "exists" || op === "!exists") requirements.push({ op, key: e.key });
  }
  return (labels) => requirements.every((r) => TESTS[r.op](r, labels ?? {}));
}
