/**
 * Mapping keys that are themselves lists or maps (`? [a, b]`, `{a: 1}: x`). Kubernetes
 * objects are JSON, whose keys are text, so such a key is never part of an Istio object;
 * and turning nested ones into text keys (what `toJS` does) takes time that grows
 * exponentially with their depth: 800 bytes of nested `? ` kept the console busy for
 * seconds, a few more bytes for minutes. So they are refused before `toJS` runs.
 */
import "server-only";
import { isScalar, visit, type Document, type Node } from "yaml";

/** The first mapping key of `document` that is not a plain value (an alias counts: it may name a collection). */
export function findCollectionKey(document: Document): Node | undefined {
  let found: Node | undefined;
  visit(document, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        found = pair.key as Node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export const collectionKeyMessage = "a mapping key that is a list or a map (`? [a, b]` or `{a: 1}: x`); Istio objects only have text keys";
