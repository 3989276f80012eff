import { describe, expect, it } from "vitest";
import { CALLS_ANNOTATION, generateSyntheticMesh } from "./generate-synthetic-mesh";

describe("generateSyntheticMesh", () => {
  const mesh = generateSyntheticMesh(120, 7);
  const ofKind = (kind: string) => mesh.filter((o) => o.kind === kind);

  it("creates one Service and DestinationRule per service over injected namespaces of about 50", () => {
    expect(ofKind("Service")).toHaveLength(120);
    expect(ofKind("DestinationRule")).toHaveLength(120);
    expect(ofKind("Namespace").map((n) => n.metadata.name)).toEqual(["mesh-000", "mesh-001", "mesh-002"]);
    expect(ofKind("Namespace").every((n) => n.metadata.labels?.["istio-injection"] === "enabled")).toBe(true);
    expect(ofKind("Service").filter((s) => s.metadata.namespace === "mesh-000")).toHaveLength(50);
  });

  it("gives each service 1 to 3 versions with matching subsets", () => {
    for (const dr of ofKind("DestinationRule")) {
      const name = (dr.spec as { host: string }).host;
      const deployments = ofKind("Deployment").filter(
        (d) => d.metadata.namespace === dr.metadata.namespace && d.metadata.labels?.app === name,
      );
      const subsets = (dr.spec as { subsets: Array<{ name: string }> }).subsets.map((s) => s.name);
      expect(deployments.map((d) => d.metadata.labels?.version)).toEqual(subsets);
      expect(subsets.length).toBeGreaterThanOrEqual(1);
      expect(subsets.length).toBeLessThanOrEqual(3);
    }
  });

  it("records an acyclic call graph between existing services", () => {
    const index = new Map(ofKind("Service").map((s, i) => [`${s.metadata.name}.${s.metadata.namespace}`, i]));
    let edges = 0;
    for (const d of ofKind("Deployment")) {
      const caller = index.get(`${d.metadata.labels?.app}.${d.metadata.namespace}`) as number;
      const calls = (d.metadata.annotations?.[CALLS_ANNOTATION] ?? "").split(",").filter(Boolean);
      for (const callee of calls) {
        expect(index.has(callee), callee).toBe(true);
        expect(index.get(callee) as number).toBeGreaterThan(caller);
        edges++;
      }
    }
    expect(edges).toBeGreaterThan(50);
  });

  it("is reproducible from its seed", () => {
    expect(generateSyntheticMesh(120, 7)).toEqual(mesh);
    expect(generateSyntheticMesh(120, 8)).not.toEqual(mesh);
    expect(generateSyntheticMesh(0, 1)).toEqual([]);
  });
});
