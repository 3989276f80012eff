import { describe, expect, it } from "vitest";
import { parseNodeGraphQuery } from "./graph";
import { nodeGraphPathSchema, nodeGraphUrl } from "./node-graph";

describe("node graph paths", () => {
  it.each([
    [
      { namespace: "shop", kind: "workloads", name: "api-v1" },
      { kind: "workload", namespace: "shop", name: "api-v1" },
    ],
    [
      { namespace: "shop", kind: "services", name: "api" },
      { kind: "service", namespace: "shop", name: "api" },
    ],
    [
      { namespace: "shop", kind: "applications", name: "api" },
      { kind: "app", namespace: "shop", name: "api" },
    ],
    [
      { namespace: "shop", kind: "applications", name: "api", version: "v2" },
      { kind: "app", namespace: "shop", name: "api", version: "v2" },
    ],
  ])("reads %o as the node %o", (path, node) => {
    expect(nodeGraphPathSchema.parse(path)).toEqual(node);
  });

  it("refuses a version of anything but an application, and names that are not names", () => {
    expect(
      nodeGraphPathSchema.safeParse({ namespace: "shop", kind: "workloads", name: "a", version: "v1" }).success,
    ).toBe(false);
    expect(nodeGraphPathSchema.safeParse({ namespace: "shop", kind: "pods", name: "a" }).success).toBe(false);
    expect(nodeGraphPathSchema.safeParse({ namespace: "shop", kind: "services", name: 'a"}' }).success).toBe(false);
  });

  it("writes Kiali's URLs, which read back as the same node and options", () => {
    const url = nodeGraphUrl(
      { kind: "app", namespace: "shop", name: "api", version: "v2" },
      { graphType: "app", duration: 600, rateTcp: "total" },
    );
    expect(url).toBe(
      "/api/namespaces/shop/applications/api/versions/v2/graph?graphType=app&duration=600s&rateTcp=total",
    );
    const parsed = parseNodeGraphQuery(new URL(url, "http://x").searchParams);
    expect(parsed.ok && parsed.query).toMatchObject({ graphType: "app", duration: 600, rateTcp: "total" });
    expect(nodeGraphUrl({ kind: "workload", namespace: "shop", name: "api-v1" })).toBe(
      "/api/namespaces/shop/workloads/api-v1/graph",
    );
  });

  it("takes no namespaces parameter: the path names the namespace", () => {
    const parsed = parseNodeGraphQuery(new URLSearchParams("namespaces=a,b&graphType=workload"));
    expect(parsed.ok && "namespaces" in parsed.query).toBe(false);
  });
});
