import { describe, expect, it } from "vitest";
import { findTraceByRequestId, getTrace } from "./get-trace";
import { fakeTracingClient, normalV2, ratingsAbort, requestIds } from "./test-support/bookinfo-records";

const client = fakeTracingClient([normalV2, ratingsAbort]);
const seeAll = { client, canReadWorkloads: async () => true };

describe("one trace", () => {
  it("answers the waterfall of a trace by id", async () => {
    const detail = await getTrace(seeAll, normalV2.traceId);
    expect(detail.spans).toHaveLength(9);
  });

  it("answers not_found for an unknown id, and for a trace whose every namespace the viewer may not see", async () => {
    await expect(getTrace(seeAll, "ffffffffffffffffffffffffffffffff")).rejects.toMatchObject({ code: "not_found" });
    await expect(getTrace({ client, canReadWorkloads: async () => false }, normalV2.traceId)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("finds the trace of an access-log line's x-request-id through the workload's app", async () => {
    const lookupDeps = {
      ...seeAll,
      appOfWorkload: async () => "reviews",
      appOfService: async () => undefined,
      now: () => new Date(1_790_000_100_000),
    };
    const detail = await findTraceByRequestId(lookupDeps, {
      namespace: "bookinfo",
      workload: "reviews-v2",
      requestId: requestIds.ratingsAbort,
    });
    expect(detail.traceId).toBe(ratingsAbort.traceId);
    expect(client.searches.at(-1)).toMatchObject({
      service: "reviews.bookinfo",
      tags: { "guid:x-request-id": requestIds.ratingsAbort },
    });
    await expect(
      findTraceByRequestId(lookupDeps, { namespace: "bookinfo", workload: "reviews-v2", requestId: "nope" }),
    ).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining("not have been sampled") });
  });
});
