/**
 * With --state the simulator keeps what users changed across a restart, and the scenarios
 * are not applied again over it (a deleted scenario object stays deleted).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startSimulator } from "../index";

const VS = { group: "networking.istio.io", resource: "virtualservices" };
const dir = mkdtempSync(join(tmpdir(), "topsail-sim-state-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("simulator state file", () => {
  it("reloads user changes after a restart and does not re-apply scenarios", async () => {
    const options = {
      port: 0,
      dataDir: join(dir, "data"),
      kubeconfigPath: join(dir, "kubeconfig"),
      statePath: join(dir, "state.json"),
    };
    const first = await startSimulator(options);
    const scenarioVs = first.store.list(VS, "bookinfo").items[0];
    expect(scenarioVs).toBeDefined();
    first.store.create(VS, {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "kept", namespace: "bookinfo" },
      spec: { hosts: ["kept"], http: [{ route: [{ destination: { host: "kept" } }] }] },
    });
    first.store.delete(VS, "bookinfo", scenarioVs?.metadata.name ?? "");
    const keptVersion = first.store.get(VS, "bookinfo", "kept")?.metadata.resourceVersion;
    await first.stop();

    const second = await startSimulator(options);
    try {
      const names = second.store.list(VS, "bookinfo").items.map((o) => o.metadata.name);
      expect(names).toContain("kept");
      expect(names).not.toContain(scenarioVs?.metadata.name);
      expect(second.store.get(VS, "bookinfo", "kept")?.metadata.resourceVersion).toBe(keptVersion);
    } finally {
      await second.stop();
    }
  });
});
