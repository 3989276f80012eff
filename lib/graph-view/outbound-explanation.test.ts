import { describe, expect, it } from "vitest";
import type { GraphNodeData } from "@/lib/contracts/graph";
import { explainOutboundPolicy } from "./outbound-explanation";
import type { EdgeResponse, ViewNode } from "./view-model";

type Target = Pick<ViewNode, "kind" | "namespace" | "service" | "data">;

const serviceNode = (service: string, namespace: string, extra: Partial<GraphNodeData> = {}): Target => ({
  kind: "service",
  namespace,
  service,
  data: { id: `svc-${service}`, nodeType: "service", cluster: "Kubernetes", namespace, service, ...extra },
});
const blackHole = serviceNode("BlackHoleCluster", "unknown");
const passthrough = serviceNode("PassthroughCluster", "unknown");
const httpbinEntry = serviceNode("httpbin.org", "tcp-echo", {
  isServiceEntry: { location: "MESH_EXTERNAL", hosts: ["httpbin.org"] },
});
const reviews: Target = {
  kind: "workload",
  namespace: "bookinfo",
  data: { id: "rv", nodeType: "workload", cluster: "Kubernetes", namespace: "bookinfo", workload: "reviews-v1" },
};

const http = (...responses: EdgeResponse[]) => ({ protocol: "http" as const, responses });
const code = (c: string, flags: Record<string, number>, hosts: Record<string, number>): EdgeResponse => ({
  code: c,
  flags,
  hosts,
});

describe("the outbound traffic policy, explained on an edge", () => {
  it("says a call to BlackHoleCluster was refused under REGISTRY_ONLY and names the ServiceEntry to add", () => {
    const x = explainOutboundPolicy(
      http(code("502", { "-": 100 }, { "httpbin.org": 100 })),
      blackHole,
      "REGISTRY_ONLY",
    );
    expect(x?.kind).toBe("blocked");
    expect(x?.hosts).toEqual(["httpbin.org"]);
    expect(x?.because.join(" ")).toContain("httpbin.org");
    expect(x?.because.join(" ")).toContain("outboundTrafficPolicy.mode is REGISTRY_ONLY");
    expect(x?.action).toContain("add a ServiceEntry for httpbin.org");
  });

  it("says so when the mesh allows any host now but the blocked calls were made under REGISTRY_ONLY", () => {
    const x = explainOutboundPolicy(http(code("502", { "-": 100 }, { "httpbin.org": 100 })), blackHole, "ALLOW_ANY");
    expect(x?.kind).toBe("blocked");
    expect(x?.because.join(" ")).toMatch(/is now ALLOW_ANY, but these calls were made under REGISTRY_ONLY/);
    expect(x?.because.join(" ")).toContain("Sidecar");
  });

  it("says the mode is unknown rather than guess when it could not be read", () => {
    const x = explainOutboundPolicy(http(code("502", { "-": 100 }, { "httpbin.org": 100 })), blackHole, undefined);
    expect(x?.because.join(" ")).toContain("could not be read");
    expect(x?.because.join(" ")).not.toContain("is REGISTRY_ONLY");
  });

  it("names every host blocked on the edge, most requests first", () => {
    const x = explainOutboundPolicy(
      http(code("502", { "-": 100 }, { "a.example.com": 30, "b.example.com": 70 })),
      blackHole,
      "REGISTRY_ONLY",
    );
    expect(x?.hosts).toEqual(["b.example.com", "a.example.com"]);
    expect(x?.action).toContain("a ServiceEntry for b.example.com, a.example.com");
  });

  it("says PassthroughCluster calls left unmanaged under ALLOW_ANY, and blames errors on the host, not the policy", () => {
    const ok = explainOutboundPolicy(
      http(code("200", { "-": 100 }, { "edition.cnn.com": 100 })),
      passthrough,
      "ALLOW_ANY",
    );
    expect(ok?.kind).toBe("passthrough");
    expect(ok?.because.join(" ")).toContain("outboundTrafficPolicy.mode is ALLOW_ANY");
    expect(ok?.because.join(" ")).not.toContain("errors");
    expect(ok?.action).toContain("ServiceEntry for edition.cnn.com");

    const failing = explainOutboundPolicy(
      http(code("200", { "-": 75 }, { "edition.cnn.com": 75 }), code("502", { "-": 25 }, { "edition.cnn.com": 25 })),
      passthrough,
      "ALLOW_ANY",
    );
    expect(failing?.because.join(" ")).toContain("The policy let these calls out: their errors (25.0% of requests)");
  });

  it("warns that passed-through hosts are blocked from now on when the mesh became REGISTRY_ONLY", () => {
    const x = explainOutboundPolicy(
      http(code("200", { "-": 100 }, { "edition.cnn.com": 100 })),
      passthrough,
      "REGISTRY_ONLY",
    );
    expect(x?.because.join(" ")).toContain("new calls to edition.cnn.com are blocked with 502");
  });

  it("explains a 502 to a ServiceEntry host as not the policy's doing", () => {
    const x = explainOutboundPolicy(
      http(code("200", { "-": 60 }, { "httpbin.org": 60 }), code("502", { "-": 40 }, { "httpbin.org": 40 })),
      httpbinEntry,
      "REGISTRY_ONLY",
    );
    expect(x?.kind).toBe("externalError");
    expect(x?.because.join(" ")).toContain("policy (REGISTRY_ONLY) did not refuse these calls");
    expect(x?.because.join(" ")).toContain("40.0% of requests");
    expect(x?.action).toContain("ServiceEntry for httpbin.org");
  });

  it("has nothing to say about a healthy external host, an in-mesh 502, or TCP", () => {
    expect(explainOutboundPolicy(http(code("200", { "-": 100 }, {})), httpbinEntry, "REGISTRY_ONLY")).toBeUndefined();
    expect(explainOutboundPolicy(http(code("502", { "-": 100 }, {})), reviews, "REGISTRY_ONLY")).toBeUndefined();
    expect(
      explainOutboundPolicy(http(code("502", { "-": 100 }, {})), serviceNode("reviews", "bookinfo"), "REGISTRY_ONLY"),
    ).toBeUndefined();
    expect(explainOutboundPolicy({ protocol: "tcp", responses: [] }, httpbinEntry, "REGISTRY_ONLY")).toBeUndefined();
    expect(explainOutboundPolicy(http(), undefined, "REGISTRY_ONLY")).toBeUndefined();
  });
});
