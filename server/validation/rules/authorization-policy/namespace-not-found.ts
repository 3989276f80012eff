/**
 * KIA0101: a rule's `from.source.namespaces` names a namespace that does not exist in the
 * cluster, so that entry never matches a caller (often a typo, or a namespace not created
 * yet). Istio's `prefix*` / `*suffix` forms count as found when some namespace matches.
 */
import "server-only";
import type { AuthorizationPolicy } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import type { Rule } from "../../types";
import { policyStringMatches, sourcesOf, stringsOf } from "./rule-fields";

export const checkSourceNamespacesExist: Rule<AuthorizationPolicy> = (policy, context) =>
  sourcesOf(policy)
    .flatMap((source) => stringsOf(source, "namespaces"))
    .filter(({ value }) => !context.namespaces.some((ns) => policyStringMatches(value, ns)))
    .map(({ value, path }) =>
      buildCheck("KIA0101", path, {
        detail: `no namespace "${value}" in the cluster; fix the name or create the namespace`,
      }),
    );
