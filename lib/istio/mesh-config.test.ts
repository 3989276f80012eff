import { describe, expect, it } from "vitest";
import { parseMeshConfig } from "./mesh-config";

describe("parseMeshConfig", () => {
  it("reads the fields Topsail acts on and keeps Istio's defaults for the rest", () => {
    const parsed = parseMeshConfig("rootNamespace: istio-system\nenableAutoMtls: false\naccessLogFile: /dev/stdout\n");
    expect(parsed).toEqual({
      ok: true,
      mesh: expect.objectContaining({ rootNamespace: "istio-system", enableAutoMtls: false }),
    });
    expect(parseMeshConfig(undefined)).toEqual({ ok: true, mesh: {} });
  });

  it("accepts each of Istio's outbound traffic modes, ALLOW_ANY_DYNAMIC_DNS included", () => {
    for (const mode of ["ALLOW_ANY", "REGISTRY_ONLY", "ALLOW_ANY_DYNAMIC_DNS"]) {
      const parsed = parseMeshConfig(`outboundTrafficPolicy:\n  mode: ${mode}\n`);
      expect(parsed.ok && parsed.mesh.outboundTrafficPolicy?.mode).toBe(mode);
    }
  });

  it("says what is wrong with a mesh that is not YAML or has a wrong type", () => {
    expect(parseMeshConfig("a: [")).toEqual({ ok: false, problem: expect.stringMatching(/^its mesh is not YAML/) });
    expect(parseMeshConfig("enableAutoMtls: sometimes")).toEqual({
      ok: false,
      problem: expect.stringMatching(/enableAutoMtls/),
    });
  });
});
