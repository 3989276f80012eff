import { describe, expect, it } from "vitest";
import { isErrorMark, marksAlong, trafficMotionOf } from "./traffic-motion";

const http = (rate: number, errorPct = 0) => ({ protocol: "http" as const, rate, errorPct });

describe("traffic motion", () => {
  it("does not move an edge that carries nothing", () => {
    expect(trafficMotionOf(http(0))).toBeUndefined();
    expect(trafficMotionOf(http(Number.NaN))).toBeUndefined();
    expect(trafficMotionOf({ protocol: "tcp", rate: 0, errorPct: 0 })).toBeUndefined();
  });

  it("moves marks faster and closer together for each tenfold rate, from a trickle to a flood", () => {
    const rates = [0.01, 0.1, 1, 10, 100, 1000];
    const motions = rates.map((rate) => trafficMotionOf(http(rate))!);
    motions.slice(1).forEach((motion, i) => {
      expect(motion.speed).toBeGreaterThan(motions[i]!.speed);
      expect(motion.spacing).toBeLessThan(motions[i]!.spacing);
    });
    // 0.1 rps still moves at a pace a user sees; 1,000 rps is several times quicker.
    const [, tenth, , , , thousand] = motions;
    expect(tenth!.speed).toBeGreaterThan(20);
    expect(thousand!.speed / tenth!.speed).toBeGreaterThan(2);
  });

  it("clamps rates beyond the scale, so an idle-looking trickle still moves", () => {
    expect(trafficMotionOf(http(0.0001))).toEqual(trafficMotionOf(http(0.01)));
    expect(trafficMotionOf(http(1e6))).toEqual(trafficMotionOf(http(1000)));
    expect(trafficMotionOf(http(0.0001))!.speed).toBeGreaterThan(0);
  });

  it("moves TCP edges by bytes per second, with their own marks", () => {
    const slow = trafficMotionOf({ protocol: "tcp", rate: 100, errorPct: 0 })!;
    const fast = trafficMotionOf({ protocol: "tcp", rate: 1024 ** 2, errorPct: 0 })!;
    expect(slow.unit).toBe("bytes");
    expect(trafficMotionOf(http(1))!.unit).toBe("requests");
    expect(fast.speed).toBeGreaterThan(slow.speed);
  });

  it("makes the error share of an edge's requests its share of error marks", () => {
    expect(trafficMotionOf(http(5, 25))!.errorShare).toBe(0.25);
    expect(trafficMotionOf(http(5))!.errorShare).toBe(0);
    const errors = (share: number) => Array.from({ length: 100 }, (_, n) => isErrorMark(n, share)).filter(Boolean);
    expect(errors(0.25)).toHaveLength(25);
    expect(errors(0.05)).toHaveLength(5);
    expect(errors(0)).toHaveLength(0);
    expect(errors(1)).toHaveLength(100);
  });

  it("places marks along the whole path, each moving on by its speed and keeping its colour", () => {
    const motion = { unit: "requests" as const, speed: 100, spacing: 50, errorShare: 0.5 };
    const now = marksAlong(motion, 200, 10);
    expect(now.map((m) => m.distance)).toEqual([0, 50, 100, 150, 200]);
    const later = marksAlong(motion, 200, 10.1);
    expect(later.map((m) => m.distance)).toEqual([10, 60, 110, 160]);
    // The mark at 0 moved to 10 and is still the same kind of mark.
    expect(later[0]!.error).toBe(now[0]!.error);
    expect(now.filter((m) => m.error).length).toBeGreaterThanOrEqual(2);
  });
});
