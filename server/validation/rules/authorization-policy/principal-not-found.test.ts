import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkPrincipalsExist } from "./principal-not-found";

const MESH = `
kind: Pod
metadata: { name: productpage-v1, namespace: bookinfo, labels: { app: productpage } }
spec: { serviceAccountName: bookinfo-productpage }
---
kind: Pod
metadata: { name: sleep, namespace: sleep, labels: { app: sleep } }
`;

const policy = (principals: string) => `
kind: AuthorizationPolicy
metadata: { name: callers, namespace: bookinfo }
spec:
  rules:
  - from: [{ source: { principals: [${principals}] } }]
`;

describe("KIA0106 principal whose service account no workload uses", () => {
  it("accepts service accounts pods run as (default when they name none), wildcards and other forms", () => {
    const context = contextFrom(MESH);
    const principals = `cluster.local/ns/bookinfo/sa/bookinfo-productpage, cluster.local/ns/sleep/sa/default, "cluster.local/ns/*/sa/*", "*", "other.domain/ns/x/sa/y"`;
    expect(checkPrincipalsExist(objectOf("AuthorizationPolicy", policy(principals)), context)).toEqual([]);
  });

  it("flags a service account that no pod uses, at the principal's path", () => {
    const ap = objectOf(
      "AuthorizationPolicy",
      policy(`cluster.local/ns/bookinfo/sa/bookinfo-productpage, cluster.local/ns/bookinfo/sa/bookinfo-reviewer`),
    );
    expect(checkPrincipalsExist(ap, contextFrom(MESH))).toEqual([
      {
        code: "KIA0106",
        severity: "error",
        message:
          'Service Account not found for this principal: no workload runs as service account "bookinfo-reviewer" in namespace "bookinfo"; fix the principal or deploy the workload',
        path: "spec/rules[0]/from[0]/source/principals[1]",
      },
    ]);
  });

  it("reads principals of the mesh's own trust domain as local", () => {
    const ap = objectOf("AuthorizationPolicy", policy(`example.org/ns/bookinfo/sa/ghost`));
    expect(checkPrincipalsExist(ap, contextFrom(MESH, { trustDomain: "example.org" })).map((c) => c.code)).toEqual([
      "KIA0106",
    ]);
  });
});
