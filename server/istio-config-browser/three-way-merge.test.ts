import { describe, expect, it } from "vitest";
import { ABSENT, mergeThreeWay } from "./three-way-merge";

const base = {
  metadata: { name: "reviews", labels: { app: "reviews" } },
  spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }] }] },
};
const clone = <T>(v: T): T => structuredClone(v);

describe("mergeThreeWay", () => {
  it("keeps both edits when they touch different fields", () => {
    const mine = clone(base);
    mine.spec.http[0] = { ...mine.spec.http[0]!, timeout: "2s" } as (typeof mine.spec.http)[0];
    const theirs = clone(base);
    (theirs.metadata.labels as Record<string, string>).team = "books";
    const { merged, conflicts } = mergeThreeWay(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({
      metadata: { name: "reviews", labels: { app: "reviews", team: "books" } },
      spec: {
        hosts: ["reviews"],
        http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }], timeout: "2s" }],
      },
    });
  });

  it("merges edits to different fields of the same list item", () => {
    const mine = clone(base) as { spec: { http: Record<string, unknown>[] } };
    mine.spec.http[0]!.timeout = "2s";
    const theirs = clone(base) as { spec: { http: Record<string, unknown>[] } };
    theirs.spec.http[0]!.retries = { attempts: 3 };
    const { merged, conflicts } = mergeThreeWay(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect((merged as typeof mine).spec.http[0]).toMatchObject({ timeout: "2s", retries: { attempts: 3 } });
  });

  it("takes a list whole from the side that changed its length", () => {
    const theirs = clone(base);
    theirs.spec.hosts.push("reviews.example.com");
    const { merged, conflicts } = mergeThreeWay(base, clone(base), theirs);
    expect(conflicts).toEqual([]);
    expect((merged as typeof base).spec.hosts).toEqual(["reviews", "reviews.example.com"]);
  });

  it("reports the same field changed on both sides, keeping theirs until the user chooses", () => {
    const mine = clone(base);
    mine.spec.http[0]!.route[0]!.destination.subset = "v2";
    const theirs = clone(base);
    theirs.spec.http[0]!.route[0]!.destination.subset = "v3";
    const open = mergeThreeWay(base, mine, theirs);
    expect(open.conflicts).toEqual([
      { path: "spec/http[0]/route[0]/destination/subset", base: "v1", mine: "v2", theirs: "v3" },
    ]);
    expect((open.merged as typeof base).spec.http[0]!.route[0]!.destination.subset).toBe("v3");

    const chosen = mergeThreeWay(base, mine, theirs, { "spec/http[0]/route[0]/destination/subset": "mine" });
    expect((chosen.merged as typeof base).spec.http[0]!.route[0]!.destination.subset).toBe("v2");
  });

  it("treats removing a field someone else changed as a conflict, not a silent loss", () => {
    const mine = clone(base) as { metadata: { labels?: Record<string, string> } };
    delete mine.metadata.labels;
    const theirs = clone(base);
    theirs.metadata.labels.app = "reviews-v2";
    const { conflicts, merged } = mergeThreeWay(base, mine, theirs);
    expect(conflicts).toEqual([
      { path: "metadata/labels", base: { app: "reviews" }, mine: ABSENT, theirs: { app: "reviews-v2" } },
    ]);
    expect((merged as typeof base).metadata.labels).toEqual({ app: "reviews-v2" });
  });

  it("applies a removal the other side did not touch", () => {
    const mine = clone(base) as { metadata: { labels?: Record<string, string> } };
    delete mine.metadata.labels;
    const theirs = clone(base) as typeof base & { spec: { gateways?: string[] } };
    theirs.spec.gateways = ["mesh"];
    const { merged, conflicts } = mergeThreeWay(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({ metadata: { name: "reviews" }, spec: { ...base.spec, gateways: ["mesh"] } });
  });

  it("quotes keys that hold dots or slashes in paths", () => {
    const mine = { metadata: { labels: { "app.kubernetes.io/name": "a" } } };
    const theirs = { metadata: { labels: { "app.kubernetes.io/name": "b" } } };
    expect(mergeThreeWay({ metadata: { labels: {} } }, mine, theirs).conflicts[0]?.path).toBe(
      'metadata/labels["app.kubernetes.io/name"]',
    );
  });
});
