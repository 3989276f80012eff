import { describe, expect, it } from "vitest";
import { bookinfoRequestRecords, type BookinfoRequest } from "../test-support/bookinfo-trace-records";
import type { JaegerEnvelope, JaegerSpan, JaegerTrace } from "./jaeger-model";
import { answerJaegerQuery, type JaegerAnswer } from "./jaeger-api";
import { TraceStore } from "./trace-store";

const T0 = 1_787_000_000_000;
const NOW_US = (T0 + 3_600_000) * 1000;

const traceId = (n: number): string => n.toString(16).padStart(32, "a");
const requestId = (n: number): string => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;

function request(n: number, overrides: Partial<BookinfoRequest> = {}): BookinfoRequest {
  return { traceId: traceId(n), requestId: requestId(n), startedAtMs: T0 + n * 1_000, reviews: "v2", ...overrides };
}

function storeWith(...requests: BookinfoRequest[]): TraceStore {
  const store = new TraceStore({ maxTraces: 100 });
  for (const r of requests) for (const record of bookinfoRequestRecords(r)) store.record(record);
  return store;
}

function get(store: TraceStore, url: string): JaegerAnswer {
  const parsed = new URL(url, "http://jaeger");
  return answerJaegerQuery(store, "GET", parsed.pathname, parsed.searchParams, NOW_US);
}

function envelope(answer: JaegerAnswer): JaegerEnvelope<unknown> {
  if (!("envelope" in answer)) throw new Error(`not an envelope: ${answer.status} ${answer.text}`);
  return answer.envelope;
}

function traces(answer: JaegerAnswer): JaegerTrace[] {
  expect(answer.status).toBe(200);
  return envelope(answer).data as JaegerTrace[];
}

const q = (params: Record<string, string>): string => new URLSearchParams(params).toString();
const serviceOf = (trace: JaegerTrace, span: JaegerSpan): string => trace.processes[span.processID]?.serviceName ?? "";
const tagOf = (span: JaegerSpan | undefined, key: string): string | undefined =>
  span?.tags.find((t) => t.key === key)?.value;

/** `service operation` lines, each span indented under its parent: the waterfall a Jaeger user sees. */
function tree(trace: JaegerTrace): string[] {
  const lines: string[] = [];
  const walk = (parent: string | undefined, depth: number): void => {
    for (const span of trace.spans.filter((s) => s.references[0]?.spanID === parent)) {
      lines.push(`${"  ".repeat(depth)}${serviceOf(trace, span)} ${span.operationName} ${tagOf(span, "span.kind")}`);
      walk(span.spanID, depth + 1);
    }
  };
  walk(undefined, 0);
  return lines;
}

describe("Bookinfo's traces through the Jaeger query API", () => {
  it("shows a request through reviews v2 as Bookinfo's 9 spans, each under its caller", () => {
    const [trace] = traces(get(storeWith(request(1)), `/api/traces/${traceId(1)}`));
    expect(trace?.spans).toHaveLength(9);
    expect(tree(trace!)).toEqual([
      "istio-ingressgateway.istio-system productpage.bookinfo.svc.cluster.local:9080/productpage server",
      "  istio-ingressgateway.istio-system router outbound|9080||productpage.bookinfo.svc.cluster.local egress client",
      "    productpage.bookinfo productpage.bookinfo.svc.cluster.local:9080/* server",
      "      productpage.bookinfo details.bookinfo.svc.cluster.local:9080/* client",
      "        details.bookinfo details.bookinfo.svc.cluster.local:9080/* server",
      "      productpage.bookinfo reviews.bookinfo.svc.cluster.local:9080/* client",
      "        reviews.bookinfo reviews.bookinfo.svc.cluster.local:9080/* server",
      "          reviews.bookinfo ratings.bookinfo.svc.cluster.local:9080/* client",
      "            ratings.bookinfo ratings.bookinfo.svc.cluster.local:9080/* server",
    ]);
    expect(Object.values(trace!.processes).map((p) => p.serviceName)).toEqual([
      "details.bookinfo",
      "productpage.bookinfo",
      "reviews.bookinfo",
      "ratings.bookinfo",
      "istio-ingressgateway.istio-system",
    ]);
  });

  it("shows a request through reviews v1 as 7 spans: no ratings", () => {
    const [trace] = traces(get(storeWith(request(1, { reviews: "v1" })), `/api/traces/${traceId(1)}`));
    expect(trace?.spans).toHaveLength(7);
    expect(trace?.spans.some((s) => s.operationName.startsWith("ratings."))).toBe(false);
  });

  it("shows jason's aborted ratings call as a failed client span with no server span under it", () => {
    const store = storeWith(request(1, { ratings: { abort: true } }));
    const [trace] = traces(get(store, `/api/traces/${traceId(1)}`));
    const ratings = trace!.spans.filter((s) => s.operationName.startsWith("ratings."));
    expect(ratings).toHaveLength(1);
    expect(tagOf(ratings[0], "span.kind")).toBe("client");
    expect(tagOf(ratings[0], "http.status_code")).toBe("503");
    expect(tagOf(ratings[0], "response_flags")).toBe("FI");
    expect(tagOf(ratings[0], "error")).toBe("true");
    expect(trace!.spans).toHaveLength(8);
  });

  it("shows productpage giving up on reviews after its timeout when ratings is delayed 7 s", () => {
    const store = storeWith(request(1, { ratings: { delayMs: 7_000 } }));
    const [trace] = traces(get(store, `/api/traces/${traceId(1)}`));
    const reviewsClient = trace!.spans.find(
      (s) => s.operationName.startsWith("reviews.") && tagOf(s, "span.kind") === "client",
    );
    expect(reviewsClient?.duration).toBe(3_000_000);
    expect(tagOf(reviewsClient, "response_flags")).toBe("DC");
    expect(tagOf(reviewsClient, "http.status_code")).toBe("0");
    expect(tagOf(reviewsClient, "error")).toBe("true");
    const ratingsClient = trace!.spans.find((s) => s.operationName.startsWith("ratings."));
    expect(ratingsClient!.duration).toBeGreaterThan(7_000_000);
  });
});

describe("services and operations", () => {
  const store = storeWith(request(1));

  it("lists the services that reported spans, sorted", () => {
    expect(envelope(get(store, "/api/services"))).toEqual({
      data: [
        "details.bookinfo",
        "istio-ingressgateway.istio-system",
        "productpage.bookinfo",
        "ratings.bookinfo",
        "reviews.bookinfo",
      ],
      total: 5,
      limit: 0,
      offset: 0,
      errors: null,
    });
  });

  it("lists a service's operation names, and with /api/operations their span kinds", () => {
    expect(envelope(get(store, "/api/services/productpage.bookinfo/operations")).data).toEqual([
      "details.bookinfo.svc.cluster.local:9080/*",
      "productpage.bookinfo.svc.cluster.local:9080/*",
      "reviews.bookinfo.svc.cluster.local:9080/*",
    ]);
    expect(envelope(get(store, `/api/operations?${q({ service: "reviews.bookinfo", spanKind: "client" })}`))).toEqual({
      data: [{ name: "ratings.bookinfo.svc.cluster.local:9080/*", spanKind: "client" }],
      total: 1,
      limit: 0,
      offset: 0,
      errors: null,
    });
  });

  it("answers /api/operations without a service with Jaeger's 400", () => {
    const answer = get(store, "/api/operations");
    expect(answer.status).toBe(400);
    expect(envelope(answer)).toEqual({
      data: null,
      total: 0,
      limit: 0,
      offset: 0,
      errors: [{ code: 400, msg: "parameter 'service' is required" }],
    });
  });
});

describe("trace search", () => {
  const store = storeWith(
    request(1),
    request(2, { reviews: "v1" }),
    request(3, { ratings: { abort: true } }),
    request(4, { ratings: { delayMs: 7_000 } }),
    request(5, { reviews: "v3" }),
  );
  const ids = (url: string): string[] => traces(get(store, url)).map((t) => t.traceID);

  it("returns a service's traces most recent first, with Jaeger's envelope", () => {
    const answer = get(store, `/api/traces?${q({ service: "productpage.bookinfo" })}`);
    expect(envelope(answer)).toMatchObject({ total: 0, limit: 0, offset: 0, errors: null });
    expect(ids(`/api/traces?${q({ service: "productpage.bookinfo" })}`)).toEqual([5, 4, 3, 2, 1].map(traceId));
    expect(ids(`/api/traces?${q({ service: "ratings.bookinfo" })}`)).toEqual([5, 4, 1].map(traceId));
  });

  it("keeps at most `limit` traces", () => {
    expect(ids(`/api/traces?${q({ service: "productpage.bookinfo", limit: "2" })}`)).toEqual([5, 4].map(traceId));
  });

  it("finds the trace of a request id and the traces with an error", () => {
    const byRequest = q({ service: "reviews.bookinfo", tags: JSON.stringify({ "guid:x-request-id": requestId(3) }) });
    expect(ids(`/api/traces?${byRequest}`)).toEqual([traceId(3)]);
    // reviews' errors: the aborted ratings call (3), and its own server span productpage hung up on (4).
    const errors = q({ service: "reviews.bookinfo", tags: '{"error":"true"}' });
    expect(ids(`/api/traces?${errors}`)).toEqual([4, 3].map(traceId));
    expect(ids(`/api/traces?${q({ service: "ratings.bookinfo", tag: "error:true" })}`)).toEqual([]);
    expect(ids(`/api/traces?${q({ service: "productpage.bookinfo", tags: '{"error":"true"}' })}`)).toEqual([
      traceId(4),
    ]);
  });

  it("needs one span to meet all criteria: a client span of ratings with status 503", () => {
    const both = q({ service: "reviews.bookinfo", tags: '{"http.status_code":"503","span.kind":"client"}' });
    expect(ids(`/api/traces?${both}`)).toEqual([traceId(3)]);
    const none = q({ service: "reviews.bookinfo", tags: '{"http.status_code":"503","span.kind":"server"}' });
    expect(ids(`/api/traces?${none}`)).toEqual([]);
  });

  it("filters by operation, duration and start time", () => {
    const slow = q({ service: "productpage.bookinfo", minDuration: "2.5s" });
    expect(ids(`/api/traces?${slow}`)).toEqual([traceId(4)]);
    const fast = q({
      service: "productpage.bookinfo",
      operation: "productpage.bookinfo.svc.cluster.local:9080/*",
      maxDuration: "20ms",
    });
    expect(ids(`/api/traces?${fast}`)).toEqual([traceId(2)]);
    const ratingsOp = q({ service: "reviews.bookinfo", operation: "ratings.bookinfo.svc.cluster.local:9080/*" });
    expect(ids(`/api/traces?${ratingsOp}`)).toEqual([5, 4, 3, 1].map(traceId));
    const window = q({
      service: "productpage.bookinfo",
      start: String((T0 + 2_000) * 1000),
      end: String((T0 + 3_500) * 1000),
    });
    expect(ids(`/api/traces?${window}`)).toEqual([3, 2].map(traceId));
  });

  it("searches the last two days when no start is given", () => {
    const old = storeWith(request(1, { startedAtMs: NOW_US / 1000 - 3 * 24 * 3_600_000 }), request(2));
    expect(traces(get(old, `/api/traces?${q({ service: "productpage.bookinfo" })}`)).map((t) => t.traceID)).toEqual([
      traceId(2),
    ]);
  });

  it("finds traces by id, reporting the missing ones as Jaeger does", () => {
    const answer = get(store, `/api/traces?traceID=${traceId(2)}&traceID=1234`);
    expect(traces(answer).map((t) => t.traceID)).toEqual([traceId(2)]);
    expect(envelope(answer).errors).toEqual([{ msg: "trace not found", traceID: "0000000000001234" }]);
  });

  it.each([
    [{}, 400, "parameter 'service' is required"],
    [
      { service: "x", start: "yesterday" },
      400,
      `unable to parse param 'start': strconv.ParseInt: parsing "yesterday": invalid syntax`,
    ],
    [{ service: "x", limit: "ten" }, 400, `strconv.ParseInt: parsing "ten": invalid syntax`],
    [
      { service: "x", minDuration: "100" },
      400,
      `unable to parse param 'minDuration': time: missing unit in duration "100"`,
    ],
    [
      { service: "x", maxDuration: "5x" },
      400,
      `unable to parse param 'maxDuration': time: unknown unit "x" in duration "5x"`,
    ],
    [
      { service: "x", minDuration: "1s", maxDuration: "50ms" },
      400,
      "'maxDuration' should be greater than 'minDuration'",
    ],
    [{ service: "x", tag: "error" }, 400, "malformed 'tag' parameter, expecting key:value, received: error"],
    [
      { service: "x", tags: '{"error":true}' },
      400,
      "malformed 'tags' parameter, cannot unmarshal JSON: json: cannot unmarshal bool into Go value of type string",
    ],
    [{ traceID: "xyz" }, 400, `cannot parse traceID param: strconv.ParseUint: parsing "xyz": invalid syntax`],
    [{ service: "x", limit: "0" }, 500, "search depth must be greater than 0 and less than max traces"],
    [{ service: "x", limit: "101" }, 500, "search depth must be greater than 0 and less than max traces"],
  ])("answers the search %j with %i and Jaeger's message", (params, status, msg) => {
    const answer = get(store, `/api/traces?${q(params)}`);
    expect(answer.status).toBe(status);
    expect(envelope(answer)).toEqual({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg }] });
  });

  it("accepts Go's duration units", () => {
    for (const minDuration of ["2500ms", "2.5s", "2500000us", "2500000µs", "0.0416666667m"])
      expect(ids(`/api/traces?${q({ service: "productpage.bookinfo", minDuration })}`)).toEqual([traceId(4)]);
  });
});

describe("one trace by id", () => {
  const store = storeWith(request(1));

  it("finds a trace whatever the case and leading zeros of its id", () => {
    expect(traces(get(store, `/api/traces/${traceId(1).toUpperCase()}`))[0]?.traceID).toBe(traceId(1));
    const short = storeWith(request(1, { traceId: "00000000000000000000000000c0ffee" }));
    expect(traces(get(short, "/api/traces/c0ffee"))).toHaveLength(1);
  });

  it("answers an unknown id with 404 and a malformed one with 400", () => {
    const missing = get(store, `/api/traces/${"f".repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(envelope(missing).errors).toEqual([{ code: 404, msg: "trace not found" }]);
    const malformed = get(store, `/api/traces/${"f".repeat(33)}`);
    expect(malformed.status).toBe(400);
    expect(envelope(malformed).errors).toEqual([
      { code: 400, msg: `TraceID cannot be longer than 32 hex characters: ${"f".repeat(33)}` },
    ]);
  });

  it("answers other paths as Jaeger's router does", () => {
    expect(get(store, "/api/nothing")).toEqual({ status: 404, text: "404 page not found\n" });
    const posted = answerJaegerQuery(store, "POST", "/api/services", new URLSearchParams(), NOW_US);
    expect(posted.status).toBe(405);
  });
});

describe("the trace store", () => {
  it("keeps nothing of a request that was not sampled", () => {
    const store = storeWith(request(1, { sampled: false }));
    expect(store.size).toBe(0);
    expect(envelope(get(store, "/api/services")).data).toEqual([]);
  });

  it("keeps the last N traces, evicting the oldest whole", () => {
    const store = new TraceStore({ maxTraces: 2 });
    for (const n of [1, 2, 3]) for (const record of bookinfoRequestRecords(request(n))) store.record(record);
    expect(store.size).toBe(2);
    expect(get(store, `/api/traces/${traceId(1)}`).status).toBe(404);
    expect(traces(get(store, `/api/traces/${traceId(2)}`))[0]?.spans).toHaveLength(9);
    const search = q({ service: "details.bookinfo", limit: "2" });
    expect(traces(get(store, `/api/traces?${search}`)).map((t) => t.traceID)).toEqual([traceId(3), traceId(2)]);
  });
});
