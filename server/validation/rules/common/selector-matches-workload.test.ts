import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkSelectorMatchesWorkload } from "./selector-matches-workload";

const context = contextFrom(BOOKINFO);

describe("KIA0004 workload selector matches no workload", () => {
  it("accepts selectors matching a workload of the namespace, root-namespace policies reaching all, and no selector", () => {
    const sidecar = objectOf(
      "Sidecar",
      `
kind: Sidecar
metadata: { name: reviews, namespace: bookinfo }
spec: { workloadSelector: { labels: { app: reviews } }, egress: [{ hosts: ["./*"] }] }
`,
    );
    const meshPolicy = objectOf(
      "AuthorizationPolicy",
      `
kind: AuthorizationPolicy
metadata: { name: ratings, namespace: istio-system }
spec: { selector: { matchLabels: { app: ratings } } }
`,
    );
    const namespaceWide = objectOf(
      "PeerAuthentication",
      `
kind: PeerAuthentication
metadata: { name: default, namespace: bookinfo }
spec: { mtls: { mode: STRICT } }
`,
    );
    for (const object of [sidecar, meshPolicy, namespaceWide])
      expect(checkSelectorMatchesWorkload(object, context)).toEqual([]);
  });

  it("warns when the selector matches only workloads of another namespace", () => {
    const pa = objectOf(
      "PeerAuthentication",
      `
kind: PeerAuthentication
metadata: { name: reviews, namespace: frontend }
spec: { selector: { matchLabels: { app: reviews } }, mtls: { mode: STRICT } }
`,
    );
    expect(checkSelectorMatchesWorkload(pa, context)).toEqual([
      {
        code: "KIA0004",
        severity: "warning",
        message: "No matching workload found for the selector in this namespace: app=reviews",
        path: "spec/selector",
      },
    ]);
  });
});
