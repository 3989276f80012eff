import { describe, expect, it } from "vitest";
import { formatDurationMs, parseDurationMs } from "./duration";

describe("parseDurationMs", () => {
  it("reads the durations Istio users write", () => {
    expect(parseDurationMs("1.5s")).toBe(1500);
    expect(parseDurationMs("500ms")).toBe(500);
    expect(parseDurationMs("7s")).toBe(7000);
    expect(parseDurationMs("3m")).toBe(180_000);
    expect(parseDurationMs("1m30s")).toBe(90_000);
    expect(parseDurationMs("0")).toBe(0);
    expect(parseDurationMs("100us")).toBeCloseTo(0.1);
  });

  it("rejects text that is not a duration", () => {
    expect(parseDurationMs("")).toBeUndefined();
    expect(parseDurationMs("7")).toBeUndefined();
    expect(parseDurationMs("seven seconds")).toBeUndefined();
    expect(parseDurationMs("1.5 s")).toBeUndefined();
  });

  it("refuses durations beyond Go's int64 of nanoseconds, as time.ParseDuration does", () => {
    expect(parseDurationMs("99999999999999999999h")).toBeUndefined();
    expect(parseDurationMs("2562048h")).toBeUndefined();
    expect(parseDurationMs("2562047h")).toBe(2562047 * 3_600_000);
  });

  it("formats milliseconds back", () => {
    expect(formatDurationMs(500)).toBe("500ms");
    expect(formatDurationMs(1500)).toBe("1.5s");
  });
});
