import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import type { HTTPRoute } from "@/lib/istio/types";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { executeAction, type ExperimentWriter } from "./experiment-writer";
import type { ExperimentRecord } from "./machine-types";
import { faultRecord } from "./test-support/records";

/** VirtualServices in memory; a write of what is already there is "unchanged", as the write path says. */
function memoryWriter(initial: StoredIstioObject[]) {
  const objects = new Map(initial.map((o) => [o.metadata.name, o]));
  const writer: ExperimentWriter = {
    listVirtualServices: async () => [...objects.values()],
    getVirtualService: async (_ns, name) => objects.get(name),
    async apply(changes) {
      const actions = changes.map((c) => {
        const live = objects.get(c.name);
        if (!c.desired) {
          objects.delete(c.name);
          return "delete";
        }
        objects.set(c.name, c.desired);
        return !live ? "create" : isDeepStrictEqual(live.spec, c.desired.spec) ? "unchanged" : "update";
      });
      return { auditIds: actions.map((a, i) => (a === "unchanged" ? "" : `audit-${i}`)).filter(Boolean), actions };
    },
  };
  return { writer, objects };
}

const ratingsTestDelay: HTTPRoute[] = [
  {
    match: [{ headers: { "end-user": { exact: "jason" } } }],
    fault: { delay: { fixedDelay: "7s", percentage: { value: 100 } } },
    route: [{ destination: { host: "ratings", subset: "v1" } }],
  },
  { route: [{ destination: { host: "ratings", subset: "v1" } }] },
];
const ratings: StoredIstioObject = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "ratings", namespace: "bookinfo", resourceVersion: "3" },
  spec: { hosts: ["ratings"], http: ratingsTestDelay },
};

describe("the fault actions, as the runner calls them", () => {
  it("inject and remove are idempotent: one set of copies, then exactly the object from before", async () => {
    const { writer, objects } = memoryWriter([ratings]);
    const record = faultRecord() as ExperimentRecord;

    const first = await executeAction(writer, record, { type: "injectFault" });
    expect(first.events[0]?.message).toBe(
      "Added to VirtualService bookinfo/ratings faulted copies of rule 1, rule 2, each just before its rule; rule 1 already had a fault: its copy carries the experiment's fault instead",
    );
    const injected = structuredClone(objects.get("ratings"));
    const again = await executeAction(
      writer,
      { ...record, memory: { ...record.memory, ...first.memoryPatch } } as ExperimentRecord,
      { type: "injectFault" },
    );
    expect(again.events[0]?.message).toMatch(/\(already in place\)$/);
    expect(objects.get("ratings")).toEqual(injected);
    expect((objects.get("ratings")?.spec as { http: HTTPRoute[] }).http).toHaveLength(4);

    const withMemory = { ...record, memory: { ...record.memory, ...first.memoryPatch } } as ExperimentRecord;
    const removed = await executeAction(writer, withMemory, { type: "removeFault" });
    expect(removed.events[0]).toMatchObject({
      type: "config",
      message: "Removed the experiment's faulted copies from VirtualService bookinfo/ratings",
    });
    expect(objects.get("ratings")?.spec).toEqual(ratings.spec);
    const removedAgain = await executeAction(writer, withMemory, { type: "removeFault" });
    expect(removedAgain.events).toEqual([
      {
        type: "note",
        phase: "revert",
        message: "None of the experiment's rules is in bookinfo/ratings: nothing to remove",
      },
    ]);
  });

  it("creates a VirtualService when there is none and deletes it on the revert", async () => {
    const { writer, objects } = memoryWriter([]);
    const record = faultRecord() as ExperimentRecord;
    const injected = await executeAction(writer, record, { type: "injectFault" });
    expect(injected.events[0]?.message).toBe(
      "Created VirtualService bookinfo/ratings with faulted copies of rule 1, each just before its rule",
    );
    expect(injected.memoryPatch).toMatchObject({ virtualService: "ratings", created: true });
    const removed = await executeAction(
      writer,
      { ...record, memory: { ...record.memory, ...injected.memoryPatch } } as ExperimentRecord,
      { type: "removeFault" },
    );
    expect(removed.events[0]?.message).toBe(
      "Deleted VirtualService bookinfo/ratings, which the experiment had created",
    );
    expect(objects.size).toBe(0);
  });
});
