import { describe, expect, it } from "vitest";
import { formatCountdown, formatLocalDateTime, formatLocalTime, localizeTimestamps } from "./format-time";

const at = "2026-12-05T13:04:07.250Z";

describe("showing a moment", () => {
  it("writes the local time in 24 hours with the zone's name", () => {
    expect(formatLocalTime(at, { timeZone: "UTC" })).toBe("13:04:07 UTC");
    expect(formatLocalTime(at, { timeZone: "America/New_York" })).toBe("08:04:07 EST");
    expect(formatLocalTime("2026-12-05T23:30:00Z", { timeZone: "Europe/Berlin" })).toBe("00:30:00 GMT+1");
  });

  it("writes the date of the viewer's zone, which may be another day than UTC's", () => {
    expect(formatLocalDateTime("2026-12-05T23:30:00Z", { timeZone: "Europe/Berlin" })).toBe(
      "2026-12-06 00:30:00 GMT+1",
    );
    expect(formatLocalDateTime(at, { timeZone: "UTC" })).toBe("2026-12-05 13:04:07 UTC");
  });

  it("shows what it was given when that is no time at all", () => {
    expect(formatLocalTime("soon")).toBe("soon");
  });

  it("rewrites the runner's UTC timestamps inside a message and leaves the rest alone", () => {
    expect(
      localizeTimestamps("Injecting a 7s delay until 2026-12-05T13:04:07.000Z (ratings v1)", {
        timeZone: "Asia/Tokyo",
      }),
    ).toBe("Injecting a 7s delay until 2026-12-05 22:04:07 GMT+9 (ratings v1)");
    expect(localizeTimestamps("from 2026-12-05T13:04:07Z to 2026-12-05T13:09:07Z", { timeZone: "UTC" })).toBe(
      "from 2026-12-05 13:04:07 UTC to 2026-12-05 13:09:07 UTC",
    );
    expect(localizeTimestamps("Step 2 of 3: v1 50% / v3 50%")).toBe("Step 2 of 3: v1 50% / v3 50%");
  });
});

describe("a countdown", () => {
  it("rounds up to the second and never goes below zero", () => {
    expect(formatCountdown(44_100)).toBe("45 s");
    expect(formatCountdown(-5_000)).toBe("0 s");
  });

  it("uses minutes and hours once they are worth reading", () => {
    expect(formatCountdown(250_000)).toBe("4 min 10 s");
    expect(formatCountdown(3_900_000)).toBe("1 h 05 min");
  });
});
