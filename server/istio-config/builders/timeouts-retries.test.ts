import { describe, expect, it } from "vitest";
import { applied, expectIdempotent, reviewsExisting, reviewsVirtualService } from "./__fixtures__/reviews";
import { buildTimeoutsRetries, readTimeoutsRetries } from "./timeouts-retries";

const input = {
  target: { kind: "all" as const },
  timeout: "2s",
  retries: { attempts: 4, perTryTimeout: "500ms", retryOn: "5xx,reset" },
};

describe("timeouts & retries", () => {
  it("sets timeout and retries on the catch-all, keeping retry fields it does not own", () => {
    const built = buildTimeoutsRetries(reviewsExisting(), input);
    const expected = reviewsVirtualService();
    expected.spec!.http![2]!.timeout = "2s";
    expected.spec!.http![2]!.retries = {
      attempts: 4,
      retryRemoteLocalities: true,
      perTryTimeout: "500ms",
      retryOn: "5xx,reset",
    };
    expect(built.virtualService).toEqual(expected);
  });

  it("removes them when cleared, and leaves the header rule's own timeout alone", () => {
    const built = buildTimeoutsRetries(reviewsExisting(), { target: { kind: "all" }, timeout: null, retries: null });
    const expected = reviewsVirtualService();
    delete expected.spec!.http![2]!.retries;
    expect(built.virtualService).toEqual(expected);
  });

  it("applying the same settings twice changes nothing, and they read back", () => {
    expectIdempotent(buildTimeoutsRetries, reviewsExisting(), input);
    const vs = reviewsVirtualService();
    vs.spec!.http![0]!.timeout = undefined;
    delete vs.spec!.http![0]!.timeout;
    const once = applied(
      reviewsExisting({ virtualService: vs }),
      buildTimeoutsRetries(reviewsExisting({ virtualService: vs }), input),
    );
    expect(readTimeoutsRetries(once)).toEqual({ supported: true, input: { ...input, retries: { ...input.retries } } });
  });

  it("reads the header rule's timeout first, as a header target", () => {
    expect(readTimeoutsRetries(reviewsExisting())).toEqual({
      supported: true,
      input: {
        target: { kind: "header", name: "end-user", type: "exact", value: "jason" },
        timeout: "3s",
        retries: null,
      },
    });
  });
});
