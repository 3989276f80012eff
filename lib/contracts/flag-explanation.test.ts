import { describe, expect, it } from "vitest";
import { nodeFlagExplanationUrl, parseNodeFlagExplanationQuery } from "./flag-explanation";

const parse = (search: string, namespace = "bookinfo") =>
  parseNodeFlagExplanationQuery(namespace, new URLSearchParams(search));

describe("a node's flag explanation query", () => {
  it("reads one version of an app, and writes the same URL back", () => {
    const parsed = parse("kind=app&name=reviews&version=v2&duration=5m&queryTime=1700000000");
    expect(parsed).toEqual({
      ok: true,
      query: {
        node: { kind: "app", namespace: "bookinfo", name: "reviews", version: "v2" },
        duration: 300,
        queryTime: 1700000000,
      },
    });
    if (parsed.ok)
      expect(nodeFlagExplanationUrl(parsed.query)).toBe(
        "/api/namespaces/bookinfo/graph/explain-node?kind=app&name=reviews&version=v2&duration=300s&queryTime=1700000000",
      );
  });

  it("says which parameter to fix", () => {
    expect(parse("name=reviews")).toEqual({ ok: false, message: "kind is required: service, app or workload" });
    expect(parse("kind=service")).toEqual({
      ok: false,
      message: "name is required: the service's, app's or workload's name",
    });
    expect(parse("kind=service&name=Reviews!")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^name must be a Kubernetes object name/),
    });
    expect(parse("kind=workload&name=reviews-v2&version=v2")).toEqual({
      ok: false,
      message: "version is only for kind=app (one version of an app)",
    });
    expect(parse("kind=service&name=reviews&duration=2s")).toMatchObject({
      ok: false,
      message: expect.stringContaining("duration must be between 30s and 1d"),
    });
  });
});
