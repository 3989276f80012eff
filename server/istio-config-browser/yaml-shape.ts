/**
 * Shapes of YAML that are never an Istio object and that hurt the code after the parser, so
 * they are refused before `toJS` runs:
 *   - mapping keys that are themselves lists or maps (`? [a, b]`, `{a: 1}: x`): Kubernetes
 *     objects are JSON, whose keys are text; and turning nested ones into text keys (what
 *     `toJS` does) takes time exponential in their depth — 800 bytes of nested `? ` kept the
 *     console busy for over ten seconds;
 *   - nesting deeper than MAX_YAML_DEPTH: the parser copes with a thousand levels, but the
 *     recursive code after it (YAML stringify, the three-way merge) overflows the stack.
 */
import "server-only";
import { isCollection, isPair, isScalar, visit, type Document, type Node } from "yaml";

/** An Istio object is about ten levels deep; ten times that is never one. */
export const MAX_YAML_DEPTH = 100;

export interface YamlShapeProblem {
  /** Lower-case, to follow "The YAML has" or "Your version has". */
  message: string;
  node: Node;
}

export function findYamlShapeProblem(document: Document): YamlShapeProblem | undefined {
  let found: YamlShapeProblem | undefined;
  visit(document, (_, node, path) => {
    if (isPair(node) && node.key !== null && !isScalar(node.key)) {
      // An alias counts too: it may name a collection.
      found = {
        message: "a mapping key that is a list or a map (`? [a, b]` or `{a: 1}: x`); Istio objects only have text keys",
        node: node.key as Node,
      };
      return visit.BREAK;
    }
    if (isCollection(node) && path.filter(isCollection).length >= MAX_YAML_DEPTH) {
      found = {
        message: `lists and maps nested more than ${MAX_YAML_DEPTH} levels deep; an Istio object is never that deep`,
        node,
      };
      return visit.BREAK;
    }
    return undefined;
  });
  return found;
}
