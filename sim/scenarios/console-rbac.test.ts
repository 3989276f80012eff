/** deploy/base/console-rbac.yaml is what operators apply; the simulator must grant the console exactly that. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseManifests } from "./parse-manifests";

function objectsOf(relative: string): unknown[] {
  const path = fileURLToPath(new URL(relative, import.meta.url));
  return parseManifests(path, readFileSync(path, "utf8")).map((m) => m.object);
}

describe("the console's RBAC", () => {
  it("is the same objects in the simulator's scenario and in deploy/base/console-rbac.yaml", () => {
    const documented = objectsOf("../../deploy/base/console-rbac.yaml");
    expect(documented.map((o) => (o as { kind: string }).kind)).toEqual(["ClusterRole", "ClusterRoleBinding"]);
    expect(objectsOf("./default/40-console-rbac.yaml")).toEqual(documented);
  });
});
