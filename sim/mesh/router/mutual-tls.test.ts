import { describe, expect, it } from "vitest";
import { snapshotWith } from "../test-support/snapshot-fixture";
import { connectionSecurity, serverMtlsMode } from "@/lib/istio/routing/mutual-tls";

const pa = (name: string, namespace: string, mode: string, selector = ""): string => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: ${name}, namespace: ${namespace} }
spec:
${selector ? `  selector: { matchLabels: { ${selector} } }\n` : ""}  mtls: { mode: ${mode} }
---
`;

describe("mutual TLS between proxies", () => {
  it("is on by default between sidecars (auto mTLS, PERMISSIVE)", () => {
    const snapshot = snapshotWith();
    const ratings = snapshot.pods.find((p) => p.identity.workload === "ratings-v1");
    if (!ratings) throw new Error("no ratings pod");
    expect(serverMtlsMode(snapshot, ratings, 9080)).toBe("PERMISSIVE");
    expect(connectionSecurity(snapshot, true, ratings, 9080, {})).toEqual({ mutualTls: true, refused: false });
    expect(connectionSecurity(snapshot, false, ratings, 9080, {})).toEqual({ mutualTls: false, refused: false });
  });

  it("takes the workload policy over the namespace's over the mesh's", () => {
    const snapshot = snapshotWith(
      pa("mesh", "istio-system", "STRICT") +
        pa("ns", "bookinfo", "PERMISSIVE") +
        pa("ratings", "bookinfo", "DISABLE", "app: ratings"),
    );
    const pod = (w: string) => snapshot.pods.find((p) => p.identity.workload === w);
    expect(serverMtlsMode(snapshot, pod("ratings-v1")!, 9080)).toBe("DISABLE");
    expect(serverMtlsMode(snapshot, pod("details-v1")!, 9080)).toBe("PERMISSIVE");
    expect(serverMtlsMode(snapshot, pod("httpbin-v1")!, 8080)).toBe("STRICT");
  });

  it("sends plaintext to a DISABLE server and refuses plaintext at a STRICT one", () => {
    const snapshot = snapshotWith(
      pa("ratings", "bookinfo", "DISABLE", "app: ratings") + pa("details", "bookinfo", "STRICT", "app: details"),
    );
    const pod = (w: string) => snapshot.pods.find((p) => p.identity.workload === w)!;
    expect(connectionSecurity(snapshot, true, pod("ratings-v1"), 9080, {})).toEqual({
      mutualTls: false,
      refused: false,
    });
    expect(connectionSecurity(snapshot, false, pod("details-v1"), 9080, {})).toEqual({
      mutualTls: false,
      refused: true,
    });
    expect(connectionSecurity(snapshot, true, pod("details-v1"), 9080, { tls: { mode: "DISABLE" } })).toEqual({
      mutualTls: false,
      refused: true,
    });
  });
});
