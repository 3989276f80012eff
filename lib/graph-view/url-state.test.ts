import { describe, expect, it } from "vitest";
import { defaultGraphUrlState, formatGraphUrlState, parseGraphUrlState, type GraphUrlState } from "./url-state";

const parse = (qs: string) => parseGraphUrlState(new URLSearchParams(qs));

describe("graph URL state", () => {
  it("reads the example link from the issue", () => {
    expect(
      parse(
        "namespaces=bookinfo&graphType=versionedApp&duration=300s&edgeLabels=responseTime&hide=version%20%3D%20v1&refresh=10000",
      ),
    ).toEqual({
      ...defaultGraphUrlState,
      namespaces: ["bookinfo"],
      edgeLabels: "responseTime",
      hide: "version = v1",
      refresh: 10_000,
    });
  });

  it("round-trips every field", () => {
    const state: GraphUrlState = {
      namespaces: ["bookinfo", "httpbin"],
      graphType: "workload",
      duration: 3600,
      refresh: 30_000,
      edgeLabels: "trafficPercentOfService",
      rateHttp: "none",
      rateGrpc: "total",
      rateTcp: "received",
      idleNodes: true,
      animate: true,
      security: true,
      find: "http > 0.5 AND %httperr > 5",
      hide: 'name = "reviews" OR mtls',
      focus: "bookinfo/app/reviews/v2",
      trace: "4bf92f3577b34da6a3ce929d0e0e4736",
      compare: 1_700_000_000,
    };
    expect(parse(formatGraphUrlState(state))).toEqual(state);
  });

  it("reads the Traffic menu under Kiali's parameter names, writing only what differs from Kiali's defaults", () => {
    expect(parse("namespaces=bookinfo&rateGrpc=sent&rateTcp=none")).toMatchObject({
      rateHttp: "requests",
      rateGrpc: "sent",
      rateTcp: "none",
    });
    const qs = formatGraphUrlState({ ...defaultGraphUrlState, namespaces: ["bookinfo"], rateGrpc: "received" });
    expect(qs).toBe("namespaces=bookinfo&graphType=versionedApp&duration=300s&rateGrpc=received");
  });

  it("opens Compare mode at a moment given in unix seconds, and the live graph for anything else", () => {
    expect(parse("namespaces=bookinfo&compare=1700000000").compare).toBe(1_700_000_000);
    expect(parse("namespaces=bookinfo&compare=yesterday").compare).toBe(0);
  });

  it("takes a trace id to light, and ignores a trace parameter that is not one", () => {
    expect(parse("namespaces=bookinfo&trace=4BF92F3577B34DA6A3CE929D0E0E4736").trace).toBe(
      "4bf92f3577b34da6a3ce929d0e0e4736",
    );
    expect(parse("namespaces=bookinfo&trace=../../etc").trace).toBe("");
  });

  it("round-trips the defaults and writes graph type and window explicitly", () => {
    const qs = formatGraphUrlState({ ...defaultGraphUrlState, namespaces: ["bookinfo"] });
    expect(qs).toBe("namespaces=bookinfo&graphType=versionedApp&duration=300s");
    expect(parse(qs)).toEqual({ ...defaultGraphUrlState, namespaces: ["bookinfo"] });
  });

  it("writes spaces as %20 and keeps other features' parameters", () => {
    const qs = formatGraphUrlState(
      { ...defaultGraphUrlState, hide: "version = v1" },
      new URLSearchParams("replay=1&edgeLabels=none"),
    );
    expect(qs).toBe("replay=1&graphType=versionedApp&duration=300s&hide=version%20%3D%20v1");
  });

  it("falls back to defaults for values it does not know, so a hand-edited link still opens", () => {
    expect(
      parse(
        "graphType=pods&duration=7m&refresh=5&edgeLabels=colour&idleNodes=yes&security=1&rateGrpc=bytes&rateTcp=requests",
      ),
    ).toEqual(defaultGraphUrlState);
  });

  it("keeps the Security display in the link only when it is on", () => {
    const on = formatGraphUrlState({ ...defaultGraphUrlState, namespaces: ["bookinfo"], security: true });
    expect(on).toBe("namespaces=bookinfo&graphType=versionedApp&duration=300s&security=true");
    expect(parse(on).security).toBe(true);
    expect(formatGraphUrlState({ ...defaultGraphUrlState, security: false })).not.toContain("security");
  });

  it("refreshes every minute by default and keeps a link's refresh=0 off", () => {
    expect(parse("namespaces=bookinfo").refresh).toBe(60_000);
    expect(parse("namespaces=bookinfo&refresh=0").refresh).toBe(0);
    expect(formatGraphUrlState({ ...defaultGraphUrlState, namespaces: ["bookinfo"] })).not.toContain("refresh");
    expect(formatGraphUrlState({ ...defaultGraphUrlState, refresh: 0 })).toContain("refresh=0");
    expect(formatGraphUrlState({ ...defaultGraphUrlState, refresh: 10_000 })).toContain("refresh=10000");
  });

  it("accepts windows written in any unit the API accepts", () => {
    expect(parse("duration=1h").duration).toBe(3600);
    expect(parse("duration=86400s").duration).toBe(86_400);
  });
});
