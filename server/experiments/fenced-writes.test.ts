import { describe, expect, it } from "vitest";
import type { KubeConnection } from "@/server/adapters/kube";
import { fencedWriteDeps } from "./index";

describe("the runner's writes, fenced by the election", () => {
  // Never reached: a refused write must not touch the connection.
  const unreachable = {} as KubeConnection;
  const object = {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: "bookinfo" },
  };

  it("are refused, before any request, once this console no longer leads", async () => {
    const deps = fencedWriteDeps(() => false)(unreachable);
    const refusal = /no longer leads the background work/;
    await expect(async () => deps.create(object, { dryRun: false })).rejects.toThrow(refusal);
    await expect(async () =>
      deps.replace({ ...object, metadata: { ...object.metadata, resourceVersion: "7" } }, { dryRun: false }),
    ).rejects.toThrow(refusal);
    await expect(async () =>
      deps.remove({ kind: "VirtualService", namespace: "bookinfo", name: "reviews" }, { dryRun: false }),
    ).rejects.toThrow(refusal);
  });
});
