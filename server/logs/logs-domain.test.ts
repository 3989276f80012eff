import { describe, expect, it } from "vitest";
import type { EdgeLogsQuery, WorkloadLogsQuery } from "@/lib/contracts/logs";
import { KubeApiError } from "@/server/errors";
import type { PodLogRequest } from "@/server/adapters/kube/pod-logs";
import { filterLines } from "./filter-lines";
import { followWorkloadLogs } from "./follow-workload-logs";
import { lineSplitter, normaliseTime, splitLog } from "./log-lines";
import type { LogsDeps } from "./logs-deps";
import { mergeByTime } from "./merge-lines";
import { readEdgeLogs } from "./read-edge-logs";
import { readWorkloadLogs } from "./read-workload-logs";
import { accessLine, pods, services, timestamped } from "./test-support/fixtures";

const ok200 = accessLine({
  at: "2026-08-24T10:16:00.000Z",
  code: 200,
  cluster: "outbound|9080|v1|ratings.bookinfo.svc.cluster.local",
  remote: "10.244.1.19:38000",
  requestId: "req-ok",
});
const fi503 = accessLine({
  at: "2026-08-24T10:16:03.552Z",
  code: 503,
  flags: "FI",
  cluster: "outbound|9080|v1|ratings.bookinfo.svc.cluster.local",
  remote: "10.244.1.19:38512",
  requestId: "req-fi",
});
const toDetails = accessLine({
  at: "2026-08-24T10:16:04.000Z",
  code: 503,
  flags: "FI",
  cluster: "outbound|9080||details.bookinfo.svc.cluster.local",
  remote: "10.244.1.19:38600",
  requestId: "req-details",
});
const inboundFromReviews = accessLine({
  at: "2026-08-24T10:16:00.002Z",
  code: 200,
  cluster: "inbound|9080||",
  remote: "10.244.1.19:38000",
  requestId: "req-ok",
});
const inboundFromElsewhere = accessLine({
  at: "2026-08-24T10:16:05.000Z",
  code: 503,
  flags: "FI",
  cluster: "inbound|9080||",
  remote: "10.244.9.9:1234",
  requestId: "req-other",
});

const logs: Record<string, string> = {
  "reviews-v2-5d9c-fghij/reviews": timestamped([
    ["2026-08-24T10:16:00.001Z", "INFO reviews: GET /reviews/0"],
    ["2026-08-24T10:16:03.6Z", "WARN reviews: ratings answered 503"],
  ]),
  "reviews-v2-5d9c-fghij/istio-proxy": timestamped([
    ["2026-08-24T10:16:00.0005Z", ok200],
    ["2026-08-24T10:16:03.552Z", fi503],
    ["2026-08-24T10:16:04.0001Z", toDetails],
  ]),
  "ratings-v1-7c4b-klmno/istio-proxy": timestamped([
    ["2026-08-24T10:16:00.003Z", inboundFromReviews],
    ["2026-08-24T10:16:05.0Z", inboundFromElsewhere],
  ]),
};

function fakeDeps(overrides: Partial<LogsDeps> = {}): LogsDeps & { asked: PodLogRequest[] } {
  const asked: PodLogRequest[] = [];
  return {
    asked,
    listPods: async () => pods,
    listServices: async () => services,
    readLog: async (request) => {
      asked.push(request);
      const text = logs[`${request.pod}/${request.container}`];
      if (text === undefined) throw new KubeApiError({ status: 400, reason: "BadRequest", message: "no such log" });
      return text;
    },
    followLog: async () => new ReadableStream(),
    ...overrides,
  };
}

const query = (q: Partial<WorkloadLogsQuery> = {}): WorkloadLogsQuery => ({
  tailLines: 500,
  search: undefined,
  peer: undefined,
  pod: undefined,
  container: undefined,
  ...q,
});
const reviews = { namespace: "bookinfo", workload: "reviews-v2" };

describe("log lines", () => {
  it("pads the kubelet's RFC3339Nano times so that they sort as text", () => {
    expect(normaliseTime("2026-08-24T10:16:03.6Z")).toBe("2026-08-24T10:16:03.600000000Z");
    expect(normaliseTime("2026-08-24T10:16:03Z")).toBe("2026-08-24T10:16:03.000000000Z");
    expect(normaliseTime("2026-08-24T10:16:03.6Z") > normaliseTime("2026-08-24T10:16:03.552Z")).toBe(true);
  });

  it("parses the access lines of a log and leaves application lines as text", () => {
    const [app, proxy] = [
      splitLog(logs["reviews-v2-5d9c-fghij/reviews"]!, "p", "reviews"),
      splitLog(logs["reviews-v2-5d9c-fghij/istio-proxy"]!, "p", "istio-proxy"),
    ];
    expect(app[0]).toEqual({
      pod: "p",
      container: "reviews",
      time: "2026-08-24T10:16:00.001000000Z",
      text: "INFO reviews: GET /reviews/0",
    });
    expect(proxy.map((l) => l.access?.code)).toEqual([200, 503, 503]);
  });

  it("holds a line cut between two chunks of a stream until its newline arrives", () => {
    const split = lineSplitter();
    expect(split.push("2026-08-24T10:00:00Z first\n2026-08-24T10:00:01Z sec")).toEqual(["2026-08-24T10:00:00Z first"]);
    expect(split.push("ond\n")).toEqual(["2026-08-24T10:00:01Z second"]);
    expect(split.flush()).toEqual([]);
  });

  it("merges two containers by time", () => {
    const merged = mergeByTime([
      splitLog(logs["reviews-v2-5d9c-fghij/reviews"]!, "p", "reviews"),
      splitLog(logs["reviews-v2-5d9c-fghij/istio-proxy"]!, "p", "istio-proxy"),
    ]);
    expect(merged.map((l) => l.container)).toEqual(["istio-proxy", "reviews", "istio-proxy", "reviews", "istio-proxy"]);
  });
});

describe("filters", () => {
  const lines = mergeByTime([
    splitLog(logs["reviews-v2-5d9c-fghij/reviews"]!, "p", "reviews"),
    splitLog(logs["reviews-v2-5d9c-fghij/istio-proxy"]!, "p", "istio-proxy"),
  ]);
  const ids = (kept: typeof lines) => kept.map((l) => l.access?.requestId ?? l.text);

  it("keeps only access lines with the code and the flag", () => {
    expect(ids(filterLines(lines, { code: "503", flag: "FI" }))).toEqual(["req-fi", "req-details"]);
    expect(ids(filterLines(lines, { flag: "-" }))).toEqual(["req-ok"]);
  });

  it("searches every line's text, case-insensitively", () => {
    expect(ids(filterLines(lines, { search: "RATINGS answered" }))).toEqual(["WARN reviews: ratings answered 503"]);
  });

  it("keeps lines whose peer host contains the text, and lines of one direction", () => {
    expect(ids(filterLines(lines, { peer: "details.bookinfo" }))).toEqual(["req-details"]);
    expect(filterLines(lines, { direction: "inbound" })).toEqual([]);
  });

  it("keeps the slow bucket: access lines that took at least the given duration", () => {
    const durations = lines.flatMap((l) => (l.access ? [l.access.durationMs] : []));
    const slowest = Math.max(...durations);
    expect(ids(filterLines(lines, { minDurationMs: slowest }))).toEqual(
      lines.filter((l) => l.access?.durationMs === slowest).map((l) => l.access?.requestId),
    );
    expect(filterLines(lines, { minDurationMs: slowest + 1 })).toEqual([]);
    expect(filterLines(lines, { minDurationMs: 0 }).every((l) => l.access)).toBe(true);
  });
});

describe("readWorkloadLogs", () => {
  it("reads the first running pod's app and istio-proxy containers, merged by time with access lines parsed", async () => {
    const deps = fakeDeps();
    const result = await readWorkloadLogs(deps, reviews, query({ tailLines: 100, sinceSeconds: 600 }));
    expect(result.pod).toBe("reviews-v2-5d9c-fghij");
    expect(result.containers).toEqual(["reviews", "istio-proxy"]);
    expect(result.lines).toHaveLength(5);
    expect(result.lines[1]?.text).toBe("INFO reviews: GET /reviews/0");
    expect(deps.asked.every((r) => r.tailLines === 100 && r.sinceSeconds === 600)).toBe(true);
  });

  it("answers the filtered istio-proxy lines only, as a link with ?container=istio-proxy&code=503&flag=FI asks", async () => {
    const result = await readWorkloadLogs(
      fakeDeps(),
      reviews,
      query({ container: "istio-proxy", code: "503", flag: "FI" }),
    );
    expect(result.lines.map((l) => l.access?.requestId)).toEqual(["req-fi", "req-details"]);
  });

  it("says a pod without a sidecar writes no access log, and still shows its application log", async () => {
    const details = { namespace: "bookinfo", workload: "details-v1" };
    const deps = fakeDeps({ readLog: async () => timestamped([["2026-08-24T10:00:00Z", "details up"]]) });
    const result = await readWorkloadLogs(deps, details, query());
    expect(result.notices.map((n) => n.code)).toEqual(["no_sidecar"]);
    expect(result.lines.map((l) => l.text)).toEqual(["details up"]);
  });

  it("fails with the API server's 403 when the viewer may not read pods/log", async () => {
    const forbidden = new KubeApiError({ status: 403, reason: "Forbidden", message: "needs get on pods/log" });
    const deps = fakeDeps({
      readLog: async () => {
        throw forbidden;
      },
    });
    await expect(readWorkloadLogs(deps, reviews, query())).rejects.toBe(forbidden);
  });

  it("answers 404 for a pod that is no longer the workload's", async () => {
    await expect(readWorkloadLogs(fakeDeps(), reviews, query({ pod: "reviews-v2-old-zzzzz" }))).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("keeps the other container's lines when one cannot be read, and says which", async () => {
    const deps = fakeDeps({
      readLog: async (r) => {
        if (r.container === "reviews")
          throw new KubeApiError({ status: 400, reason: "BadRequest", message: "is waiting to start" });
        return logs["reviews-v2-5d9c-fghij/istio-proxy"]!;
      },
    });
    const result = await readWorkloadLogs(deps, reviews, query());
    expect(result.lines).toHaveLength(3);
    expect(result.notices).toMatchObject([{ code: "container_unreadable", container: "reviews" }]);
  });
});

describe("readEdgeLogs", () => {
  const edge = (q: Partial<EdgeLogsQuery>): EdgeLogsQuery => ({
    source: { namespace: "bookinfo", workload: "reviews-v2", app: undefined, version: undefined, service: undefined },
    dest: { namespace: "bookinfo", workload: undefined, app: undefined, version: undefined, service: "ratings" },
    tailLines: 500,
    search: undefined,
    ...q,
  });

  it("reviews-v2 → ratings, 503 FI: the source proxy's outbound lines to ratings only, not those to details", async () => {
    const result = await readEdgeLogs(fakeDeps(), edge({ code: "503", flag: "FI" }));
    expect(result.destHosts).toEqual(["ratings.bookinfo.svc.cluster.local"]);
    expect(result.lines.map((l) => [l.side, l.access.requestId])).toEqual([["source", "req-fi"]]);
  });

  it("joins the destination's inbound lines from the source's pods, merged by time, and leaves other callers out", async () => {
    const result = await readEdgeLogs(
      fakeDeps(),
      edge({ dest: { namespace: "bookinfo", workload: "ratings-v1" } as EdgeLogsQuery["dest"] }),
    );
    expect(result.sourcePods).toEqual(["reviews-v2-5d9c-fghij"]);
    expect(result.destPods).toEqual(["ratings-v1-7c4b-klmno"]);
    expect(result.lines.map((l) => [l.side, l.access.requestId, l.workload])).toEqual([
      ["source", "req-ok", "reviews-v2"],
      ["dest", "req-ok", "ratings-v1"],
      ["source", "req-fi", "reviews-v2"],
    ]);
  });

  it("finds the source's pods by canonical app and version in a versioned-app graph", async () => {
    const result = await readEdgeLogs(
      fakeDeps(),
      edge({
        source: { namespace: "bookinfo", app: "reviews", version: "v2" } as EdgeLogsQuery["source"],
        code: "503",
      }),
    );
    expect(result.sourcePods).toEqual(["reviews-v2-5d9c-fghij"]);
    expect(result.lines.map((l) => l.access.requestId)).toEqual(["req-fi"]);
  });

  it("from a Service node reads only the destination's proxies, every caller's inbound lines", async () => {
    const result = await readEdgeLogs(
      fakeDeps(),
      edge({
        source: { namespace: "bookinfo", service: "ratings" } as EdgeLogsQuery["source"],
        dest: { namespace: "bookinfo", workload: "ratings-v1" } as EdgeLogsQuery["dest"],
        code: "503",
      }),
    );
    expect(result.sourcePods).toEqual([]);
    expect(result.lines.map((l) => [l.side, l.access.requestId])).toEqual([["dest", "req-other"]]);
  });
});

describe("followWorkloadLogs", () => {
  const chunks = (...parts: string[]) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (const p of parts) c.enqueue(new TextEncoder().encode(p));
        c.close();
      },
    });

  it("streams each container's filtered lines as NDJSON events, then an end per container", async () => {
    const [first, second] = [`2026-08-24T10:16:03.552Z ${fi503}\n2026-08-24T10:16:00Z `, `${ok200}\n`];
    const deps = fakeDeps({
      followLog: async (r) =>
        r.container === "istio-proxy" ? chunks(first!, second!) : chunks("2026-08-24T10:16:00Z app line\n"),
    });
    const stream = await followWorkloadLogs(deps, reviews, query({ code: "503" }), new AbortController().signal);
    const events = (await new Response(stream).text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; line?: { access?: { requestId: string } }; container?: string });
    expect(events.filter((e) => e.type === "line").map((e) => e.line?.access?.requestId)).toEqual(["req-fi"]);
    expect(
      events
        .filter((e) => e.type === "end")
        .map((e) => e.container)
        .sort(),
    ).toEqual(["istio-proxy", "reviews"]);
  });

  it("closes the requests to the API server when the client goes away", async () => {
    const signals: AbortSignal[] = [];
    const deps = fakeDeps({
      followLog: async (_r, signal) => {
        signals.push(signal);
        return new ReadableStream<Uint8Array>({
          start: (c) => signal.addEventListener("abort", () => c.error(signal.reason)),
        });
      },
    });
    const client = new AbortController();
    const stream = await followWorkloadLogs(deps, reviews, query(), client.signal);
    const reader = stream.getReader();
    await reader.cancel();
    expect(signals).toHaveLength(2);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it("fails before streaming when the viewer may not read pods/log", async () => {
    const deps = fakeDeps({
      followLog: async () => {
        throw new KubeApiError({ status: 403, reason: "Forbidden", message: "needs get on pods/log" });
      },
    });
    await expect(followWorkloadLogs(deps, reviews, query(), new AbortController().signal)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
