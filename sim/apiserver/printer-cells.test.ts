import { describe, expect, it } from "vitest";
import { humanDuration, PRINTER_CELLS } from "./printer-cells";
import { buildTable } from "./serve-table";
import { findResource } from "../store/resource-registry";

describe("printer cells", () => {
  it.each([
    [5_000, "5s"],
    [119_000, "119s"],
    [150_000, "2m30s"],
    [45 * 60_000, "45m"],
    [5 * 3_600_000 + 5 * 60_000, "5h5m"],
    [30 * 3_600_000, "30h"],
    [3 * 86_400_000 + 2 * 3_600_000, "3d2h"],
    [100 * 86_400_000, "100d"],
  ])("%d ms reads %s", (ms, text) => expect(humanDuration(ms)).toBe(text));

  it("shows a pod with a ready sidecar as 2/2 Running", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [{ name: "a" }, { name: "istio-proxy" }] },
      status: {
        phase: "Running",
        containerStatuses: [
          { name: "a", ready: true, restartCount: 1 },
          { name: "istio-proxy", ready: true, restartCount: 0 },
        ],
      },
    };
    expect(PRINTER_CELLS.podReady?.(pod, Date.now())).toBe("2/2");
    expect(PRINTER_CELLS.podStatus?.(pod, Date.now())).toBe("Running");
    expect(PRINTER_CELLS.podRestarts?.(pod, Date.now())).toBe("1");
  });

  it("prints VirtualService gateways and hosts as JSON arrays, as the CRD columns do", () => {
    const def = findResource("networking.istio.io", "virtualservices");
    if (!def) throw new Error("registry lacks virtualservices");
    const table = buildTable(
      def,
      [
        {
          apiVersion: "networking.istio.io/v1",
          kind: "VirtualService",
          metadata: { name: "reviews", creationTimestamp: new Date().toISOString() },
          spec: { hosts: ["reviews"] },
        },
      ],
      {},
      "None",
    ) as { columnDefinitions: { name: string }[]; rows: { cells: unknown[] }[] };
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Gateways", "Hosts", "Age"]);
    expect(table.rows[0]?.cells.slice(0, 3)).toEqual(["reviews", null, '["reviews"]']);
  });
});
