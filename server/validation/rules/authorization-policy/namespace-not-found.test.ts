import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkSourceNamespacesExist } from "./namespace-not-found";

const policy = (namespaces: string) => `
kind: AuthorizationPolicy
metadata: { name: allow-callers, namespace: bookinfo }
spec:
  rules:
  - from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/default"] } }]
  - from:
    - source: { namespaces: [${namespaces}] }
`;

describe("KIA0101 source namespace not found", () => {
  const context = contextFrom(`${BOOKINFO}\n---\nkind: Namespace\nmetadata: { name: frontend }`);

  it("accepts namespaces of the cluster, and prefix/suffix forms some namespace matches", () => {
    const ap = objectOf("AuthorizationPolicy", policy(`bookinfo, frontend, "front*", "*info", "*"`));
    expect(checkSourceNamespacesExist(ap, context)).toEqual([]);
  });

  it("warns on each namespace the cluster does not have, at its own path", () => {
    const ap = objectOf("AuthorizationPolicy", policy(`bookinfo, fronted`));
    expect(checkSourceNamespacesExist(ap, context)).toEqual([
      {
        code: "KIA0101",
        severity: "warning",
        message:
          'Namespace not found for this rule: no namespace "fronted" in the cluster; fix the name or create the namespace',
        path: "spec/rules[1]/from[0]/source/namespaces[1]",
      },
    ]);
  });
});
