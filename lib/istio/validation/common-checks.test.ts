import { describe, expect, it } from "vitest";
import { hostsMatch, validateDuration, validatePercentage, validateWildcardDomain } from "./common-checks";

describe("common checks", () => {
  it("validates wildcard domains as istiod does", () => {
    expect(validateWildcardDomain("reviews.bookinfo.svc.cluster.local")).toBeUndefined();
    expect(validateWildcardDomain("*.example.com")).toBeUndefined();
    expect(validateWildcardDomain("a.*.com")).toBe(`domain name "*.com" invalid (label "*" invalid)`);
    expect(validateWildcardDomain("a.123")).toBe(
      `domain name "123" invalid (top level domain "123" cannot be all-numeric)`,
    );
  });

  it("validates durations and percentages", () => {
    expect(validateDuration("500ms")).toBeUndefined();
    expect(validateDuration("0.5ms")).toBe("duration must be greater than 1ms");
    expect(validateDuration("1.0005s")).toBe("only durations to ms precision are supported");
    expect(validateDuration("soon")).toBe('time: invalid duration "soon"');
    expect(validatePercentage({ value: 0 })).toBeUndefined();
    expect(validatePercentage({ value: -1 })).toBe("percentage -1 is neither 0.0, nor in range [0.0001, 100.0]");
  });

  it("matches hosts with wildcards either way", () => {
    expect(hostsMatch("*.com", "a.com")).toBe(true);
    expect(hostsMatch("a.com", "b.com")).toBe(false);
  });
});
