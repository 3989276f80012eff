import { describe, expect, it } from "vitest";
import { expectIdempotent, reviewsExisting, reviewsVirtualService, service } from "./__fixtures__/reviews";
import { applied } from "./__fixtures__/reviews";
import { buildFaultInjection, readFaultInjection } from "./fault-injection";

const jason = { kind: "header" as const, name: "end-user", type: "exact" as const, value: "jason" };
const abortJason = { target: jason, delay: null, abort: { httpStatus: 500, percentage: 100 } };

describe("fault injection", () => {
  it("puts the fault on the rule that already matches the header, keeping its other fields", () => {
    const built = buildFaultInjection(reviewsExisting(), abortJason);
    const expected = reviewsVirtualService();
    expected.spec!.http![0]!.fault = { abort: { httpStatus: 500, percentage: { value: 100 } } };
    expect(built.virtualService).toEqual(expected);
  });

  it("puts an all-traffic delay on the catch-all only", () => {
    const built = buildFaultInjection(reviewsExisting(), {
      target: { kind: "all" },
      delay: { fixedDelay: "7s", percentage: 10 },
      abort: null,
    });
    const expected = reviewsVirtualService();
    expected.spec!.http![2]!.fault = { delay: { fixedDelay: "7s", percentage: { value: 10 } } };
    expect(built.virtualService).toEqual(expected);
  });

  it("creates a VirtualService with a header rule and a catch-all when none exists, and removing the fault deletes it again", () => {
    const ratings = {
      service: { ...service, name: "ratings" },
      virtualService: null,
      destinationRule: null,
      versions: ["v1"],
    };
    const built = buildFaultInjection(ratings, abortJason);
    expect(built.virtualService?.spec?.http).toEqual([
      {
        name: "topsail-end-user-jason",
        match: [{ headers: { "end-user": { exact: "jason" } } }],
        route: [{ destination: { host: "ratings" } }],
        fault: { abort: { httpStatus: 500, percentage: { value: 100 } } },
      },
      { route: [{ destination: { host: "ratings" } }] },
    ]);
    const removed = buildFaultInjection(applied(ratings, built), { target: jason, delay: null, abort: null });
    expect(removed.virtualService).toBeNull();
  });

  it("removing a fault it added to an existing VirtualService restores the previous spec", () => {
    const existing = reviewsExisting();
    existing.virtualService!.spec!.http!.splice(0, 1);
    const withFault = applied(existing, buildFaultInjection(existing, abortJason));
    expect(withFault.virtualService!.spec!.http).toHaveLength(3);
    const removed = buildFaultInjection(withFault, { target: jason, delay: null, abort: null });
    expect(removed.virtualService).toEqual(existing.virtualService);
  });

  it("applying the same fault twice changes nothing", () => {
    expectIdempotent(buildFaultInjection, reviewsExisting(), abortJason);
    expectIdempotent(buildFaultInjection, reviewsExisting({ virtualService: null }), abortJason);
  });

  it("reads the fault back with its target", () => {
    const once = applied(reviewsExisting(), buildFaultInjection(reviewsExisting(), abortJason));
    expect(readFaultInjection(once)).toEqual({ supported: true, input: abortJason });
  });

  it("steps aside for fault kinds it cannot show", () => {
    const vs = reviewsVirtualService();
    vs.spec!.http![2]!.fault = { abort: { grpcStatus: "UNAVAILABLE", percentage: { value: 5 } } };
    expect(readFaultInjection(reviewsExisting({ virtualService: vs }))).toMatchObject({ supported: false });
  });
});
