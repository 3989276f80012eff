import { describe, expect, it } from "vitest";
import { typeSeenThroughSelector } from "./serve-watch";
import type { KubeObject } from "../store/types";

function pod(version: string): KubeObject {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p", labels: { version } } };
}
const isV1 = (o: KubeObject): boolean => o.metadata.labels?.version === "v1";

describe("a watch with a label selector", () => {
  it("reports an object relabelled into the selection as ADDED and out of it as DELETED", () => {
    expect(typeSeenThroughSelector({ type: "MODIFIED", object: pod("v1"), previous: pod("v2") }, isV1)).toBe("ADDED");
    expect(typeSeenThroughSelector({ type: "MODIFIED", object: pod("v2"), previous: pod("v1") }, isV1)).toBe("DELETED");
    expect(typeSeenThroughSelector({ type: "MODIFIED", object: pod("v1"), previous: pod("v1") }, isV1)).toBe(
      "MODIFIED",
    );
    expect(typeSeenThroughSelector({ type: "MODIFIED", object: pod("v2"), previous: pod("v3") }, isV1)).toBeUndefined();
    expect(typeSeenThroughSelector({ type: "ADDED", object: pod("v2") }, isV1)).toBeUndefined();
  });
});
