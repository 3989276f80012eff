import { describe, expect, it } from "vitest";
import { ContainerLogStore, type LogLine } from "./container-log-store";

const line = (n: number): LogLine => ({ timeMs: n, text: `line ${n}` });

describe("ContainerLogStore", () => {
  it("keeps each container's lines apart, oldest first", () => {
    const logs = new ContainerLogStore();
    logs.append("bookinfo", "reviews-v2-x", "istio-proxy", line(1));
    logs.append("bookinfo", "reviews-v2-x", "reviews", line(2));
    logs.append("bookinfo", "reviews-v2-x", "istio-proxy", line(3));
    expect(logs.read("bookinfo", "reviews-v2-x", "istio-proxy").map((l) => l.text)).toEqual(["line 1", "line 3"]);
    expect(logs.read("bookinfo", "reviews-v2-x", "reviews")).toEqual([line(2)]);
    expect(logs.read("bookinfo", "other", "reviews")).toEqual([]);
  });

  it("keeps only the newest lines of a busy container", () => {
    const logs = new ContainerLogStore(100);
    for (let i = 0; i < 1_000; i++) logs.append("ns", "p", "c", line(i));
    const kept = logs.read("ns", "p", "c");
    expect(kept).toHaveLength(100);
    expect(kept[0]?.timeMs).toBe(900);
    expect(kept[99]?.timeMs).toBe(999);
  });

  it("hands followers every new line and ends them when the pod is forgotten", () => {
    const logs = new ContainerLogStore();
    const seen: string[] = [];
    let ended = false;
    const stop = logs.follow("ns", "p", "c", { line: (l) => seen.push(l.text), end: () => (ended = true) });
    logs.append("ns", "p", "c", line(1));
    logs.append("ns", "p", "other", line(2));
    expect(seen).toEqual(["line 1"]);
    logs.forgetPod("ns", "p");
    expect(ended).toBe(true);
    expect(logs.read("ns", "p", "c")).toEqual([]);
    stop();
    logs.append("ns", "p", "c", line(3));
    expect(seen).toEqual(["line 1"]);
  });
});
