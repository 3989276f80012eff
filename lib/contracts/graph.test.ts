import { describe, expect, it } from "vitest";
import { formatGraphQuery, graphNodeDataSchema, parseGraphQuery } from "./graph";

const parse = (qs: string) => parseGraphQuery(new URLSearchParams(qs));

describe("graph query parameters", () => {
  it("fills in Kiali's defaults", () => {
    expect(parse("namespaces=bookinfo")).toEqual({
      ok: true,
      query: {
        namespaces: ["bookinfo"],
        graphType: "versionedApp",
        duration: 300,
        idleNodes: false,
        responseTime: "95",
        rateHttp: "requests",
        rateGrpc: "requests",
        rateTcp: "sent",
        throughputType: "response",
        injectServiceNodes: false,
        boxBy: ["app"],
        format: "json",
      },
    });
  });

  it("reads every parameter", () => {
    const result = parse(
      "namespaces=b,a,a&graphType=workload&duration=1h&idleNodes=true&responseTime=avg&queryTime=1700000000&format=dot" +
        "&rateHttp=none&rateGrpc=total&rateTcp=received&throughputType=request&injectServiceNodes=true&boxBy=namespace,cluster",
    );
    expect(result).toEqual({
      ok: true,
      query: {
        namespaces: ["a", "b"],
        graphType: "workload",
        duration: 3600,
        idleNodes: true,
        responseTime: "avg",
        queryTime: 1700000000,
        rateHttp: "none",
        rateGrpc: "total",
        rateTcp: "received",
        throughputType: "request",
        injectServiceNodes: true,
        boxBy: ["namespace", "cluster"],
        format: "dot",
      },
    });
  });

  it.each([
    ["", /namespaces is required/],
    ["namespaces=Bad_NS", /namespaces: "Bad_NS"/],
    ["namespaces=a&graphType=pods", /graphType must be one of versionedApp, app, workload, service/],
    ["namespaces=a&duration=10s", /duration must be between 30s and 1d/],
    ["namespaces=a&duration=2d", /duration must be between 30s and 1d/],
    ["namespaces=a&duration=abc", /duration/],
    ["namespaces=a&idleNodes=yes", /idleNodes must be true or false/],
    ["namespaces=a&responseTime=90", /responseTime must be one of avg, 50, 95, 99/],
    ["namespaces=a&queryTime=yesterday", /queryTime must be unix seconds/],
    ["namespaces=a&format=svg", /format must be one of json, dot/],
    ["namespaces=a&rateHttp=bytes", /rateHttp must be one of requests, none/],
    ["namespaces=a&rateGrpc=messages", /rateGrpc must be one of requests, sent, received, total, none/],
    ["namespaces=a&rateTcp=requests", /rateTcp must be one of sent, received, total, none/],
    ["namespaces=a&throughputType=both", /throughputType must be one of request, response/],
    ["namespaces=a&boxBy=app,pod", /boxBy: "pod" is not one of app, namespace, cluster/],
  ])("rejects %s naming the parameter", (qs, message) => {
    const result = parse(qs);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("round-trips through formatGraphQuery", () => {
    const params = formatGraphQuery({
      namespaces: ["x", "a"],
      graphType: "app",
      duration: 60,
      idleNodes: true,
      rateGrpc: "sent",
      rateTcp: "total",
      boxBy: ["namespace"],
    });
    const result = parse(params.toString());
    expect(result.ok && result.query).toMatchObject({
      namespaces: ["a", "x"],
      graphType: "app",
      duration: 60,
      idleNodes: true,
      rateHttp: "requests",
      rateGrpc: "sent",
      rateTcp: "total",
      boxBy: ["namespace"],
    });
  });
  it("refuses more namespaces than a graph shows, naming the limit", () => {
    const many = Array.from({ length: 500 }, (_, i) => `ns-${i}`).join(",");
    const result = parse(`namespaces=${many}`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("500 namespaces asked for; a graph shows at most 100");
  });
});

describe("graph node data", () => {
  // zod drops keys a schema does not name: a flag spelt otherwise than Kiali's would vanish here.
  const kialiFlags = [
    "hasCB",
    "hasFaultInjection",
    "hasMirroring",
    "hasRequestRouting",
    "hasRequestTimeout",
    "hasTrafficShifting",
    "hasTCPTrafficShifting",
    "hasVS",
    "hasMissingSC",
    "isDead",
    "isGateway",
    "isIdle",
    "isInaccessible",
    "isOutOfMesh",
    "isOutside",
    "isRoot",
  ] as const;
  const node = { id: "n1", nodeType: "workload", cluster: "Kubernetes", namespace: "shop", workload: "api-v1" };

  it("keeps Kiali's boolean flags under Kiali's names", () => {
    const flagged = { ...node, ...Object.fromEntries(kialiFlags.map((f) => [f, true])) };
    expect(graphNodeDataSchema.parse(flagged)).toEqual(flagged);
  });

  it("reads a node without isInaccessible as accessible, as Kiali omits the flag when false", () => {
    expect(graphNodeDataSchema.parse(node).isInaccessible).toBeUndefined();
    expect(JSON.stringify(graphNodeDataSchema.parse(node))).not.toContain("isInaccessible");
  });
});
