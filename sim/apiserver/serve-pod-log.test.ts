import { describe, expect, it } from "vitest";
import type { KubeObject } from "../store/types";
import { isStatusError } from "./status-error";
import { rfc3339Nano, selectContainer, selectLines } from "./serve-pod-log";

const running = (name: string) => ({ name, state: { running: { startedAt: "2026-08-24T10:00:00Z" } } });
const pod: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "reviews-v2-abc", namespace: "bookinfo" },
  spec: { initContainers: [{ name: "istio-init" }], containers: [{ name: "reviews" }, { name: "istio-proxy" }] },
  status: { containerStatuses: [running("reviews"), running("istio-proxy")] },
};
const base = { follow: false, previous: false, timestamps: false };

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    if (isStatusError(err) && err.code === 400) return err.status.message;
    throw err;
  }
  throw new Error("no error");
}

describe("selectContainer", () => {
  it("asks for a container name when the pod has several, listing init containers first", () => {
    expect(messageOf(() => selectContainer(pod, base))).toBe(
      "a container name must be specified for pod reviews-v2-abc, choose one of: [istio-init reviews istio-proxy]",
    );
  });

  it("rejects a container the pod does not have, and any previous instance", () => {
    expect(messageOf(() => selectContainer(pod, { ...base, container: "x" }))).toBe(
      "container x is not valid for pod reviews-v2-abc",
    );
    expect(messageOf(() => selectContainer(pod, { ...base, container: "reviews", previous: true }))).toBe(
      'previous terminated container "reviews" in pod "reviews-v2-abc" not found',
    );
  });

  it("says a container without a status yet is waiting to start", () => {
    const creating = { ...pod, status: {} };
    expect(messageOf(() => selectContainer(creating, { ...base, container: "reviews" }))).toBe(
      'container "reviews" in pod "reviews-v2-abc" is waiting to start: ContainerCreating',
    );
  });

  it("takes the only container of a single-container pod", () => {
    const single = {
      ...pod,
      spec: { containers: [{ name: "ratings" }] },
      status: { containerStatuses: [running("ratings")] },
    };
    expect(selectContainer(single, base)).toBe("ratings");
  });
});

describe("selectLines", () => {
  const lines = [1000, 2000, 3000, 4000].map((timeMs) => ({ timeMs, text: String(timeMs) }));

  it("keeps lines since a time, then the last tailLines", () => {
    expect(selectLines(lines, { ...base, sinceSeconds: 2 }, 4500).map((l) => l.timeMs)).toEqual([3000, 4000]);
    expect(selectLines(lines, { ...base, sinceTimeMs: 2000, tailLines: 1 }, 0).map((l) => l.timeMs)).toEqual([4000]);
    expect(selectLines(lines, { ...base, tailLines: 0 }, 0)).toEqual([]);
  });
});

describe("rfc3339Nano", () => {
  it("prints Go's RFC3339Nano, trailing zeros dropped", () => {
    expect(rfc3339Nano(Date.parse("2026-08-24T10:15:42.118Z"))).toBe("2026-08-24T10:15:42.118Z");
    expect(rfc3339Nano(Date.parse("2026-08-24T10:15:42.100Z"))).toBe("2026-08-24T10:15:42.1Z");
    expect(rfc3339Nano(Date.parse("2026-08-24T10:15:42.000Z"))).toBe("2026-08-24T10:15:42Z");
  });
});
