import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

describe("view-only mode (TOPSAIL_VIEW_ONLY=on)", () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubEnv("TOPSAIL_VIEW_ONLY", "on");
  });
  afterEach(() => vi.unstubAllEnvs());

  it("refuses a change with 403 view_only naming the setting, before reaching any cluster", async () => {
    const { applyIstioChangesLive } = await import("@/server/istio-config");
    const refused = applyIstioChangesLive({ changes: [], source: "editor" });
    await expect(refused).rejects.toMatchObject({ code: "view_only", httpStatus: 403 });
    await expect(refused).rejects.toThrow(/TOPSAIL_VIEW_ONLY/);
  });

  it("answers that nothing is allowed", async () => {
    const { getPermissions } = await import("./permissions");
    const permissions = await getPermissions("bookinfo");
    expect(permissions.viewOnly).toBe(true);
    expect(Object.values(permissions.allowed)).not.toContain(true);
  });

  it("refuses starting an experiment and toggling sidecar injection", async () => {
    const { startExperimentLive } = await import("@/server/experiments");
    const { setNamespaceInjection } = await import("@/server/sidecar-injection");
    await expect(
      startExperimentLive({
        kind: "fault",
        namespace: "bookinfo",
        service: "reviews",
      } as Parameters<typeof startExperimentLive>[0]),
    ).rejects.toMatchObject({ code: "view_only" });
    await expect(setNamespaceInjection("bookinfo", { enabled: true, resourceVersion: "1" })).rejects.toMatchObject({
      code: "view_only",
    });
  });
});
