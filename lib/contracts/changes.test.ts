import { describe, expect, it } from "vitest";
import { changesQuerySchema } from "./changes";

const parse = (query: Record<string, string | undefined>) => changesQuerySchema.safeParse(query);
const messages = (query: Record<string, string | undefined>) => {
  const result = parse(query);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("changesQuerySchema", () => {
  it("reads unix seconds and ISO 8601 date-times, and one target", () => {
    expect(parse({ from: "1772373600", to: "2026-03-01T14:30:00Z", service: "reviews" }).data).toEqual({
      from: new Date("2026-03-01T14:00:00Z"),
      to: new Date("2026-03-01T14:30:00Z"),
      target: { kind: "service", name: "reviews" },
    });
    expect(parse({ from: "1772373600", to: "1772375400", app: "reviews", service: "" }).data?.target).toEqual({
      kind: "app",
      name: "reviews",
    });
  });

  it("without a target is the namespace's list, and without `to` ends now", () => {
    const before = Date.now();
    const data = parse({ from: String(Math.floor(before / 1000) - 60) }).data;
    expect(data?.target).toBeNull();
    expect(data?.to.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("refuses a missing or malformed time, a window backwards or over 7 days, and two targets", () => {
    expect(messages({})).toEqual(["from is required: unix seconds or an ISO 8601 date-time"]);
    expect(messages({ from: "yesterday" })[0]).toContain('from "yesterday" is neither unix seconds nor');
    expect(messages({ from: "1772375400", to: "1772373600" })).toEqual(["to must be later than from"]);
    expect(messages({ from: "1772373600", to: String(1772373600 + 8 * 86_400) })).toEqual([
      "the window is at most 7 days",
    ]);
    expect(messages({ from: "1772373600", to: "1772375400", service: "reviews", workload: "reviews-v1" })).toEqual([
      "name at most one of service, workload and app",
    ]);
    expect(messages({ from: "1772373600", service: "Not_A_Name" })[0]).toContain("must be a Kubernetes object name");
  });
});
