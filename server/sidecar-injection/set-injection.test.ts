import { describe, expect, it } from "vitest";
import type { NewAuditEntry } from "@/server/adapters/db/audit-entries";
import { TopsailError } from "@/server/errors";
import { injectionPatch, setInjection, type InjectionDeps } from "./set-injection";

function fakeDeps(live: { values: Record<string, string>; resourceVersion: string }) {
  const calls: { patches: unknown[]; audits: NewAuditEntry[] } = { patches: [], audits: [] };
  const deps: InjectionDeps = {
    actor: "alice",
    read: async () => live,
    async patch(target, patch, resourceVersion) {
      calls.patches.push({ target, patch, resourceVersion });
      const values = { ...live.values };
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete values[k];
        else values[k] = v;
      }
      return target.kind === "Namespace"
        ? { kind: "Namespace", namespace: target.name, name: target.name, resourceVersion: "2", labels: values }
        : { kind: "Deployment", namespace: target.namespace, name: target.name, resourceVersion: "2", labels: {}, templateAnnotations: values };
    },
    async recordAudit(entry) {
      calls.audits.push(entry);
      return { id: "audit-1" };
    },
  };
  return { deps, calls };
}

describe("sidecar injection toggles", () => {
  it("writes the namespace label and the pod template annotation, and removes them with null", () => {
    expect(injectionPatch("Namespace", true)).toEqual({ "istio-injection": "enabled" });
    expect(injectionPatch("Namespace", false)).toEqual({ "istio-injection": "disabled" });
    expect(injectionPatch("Deployment", false)).toEqual({ "sidecar.istio.io/inject": "false" });
    expect(injectionPatch("Deployment", null)).toEqual({ "sidecar.istio.io/inject": null });
  });

  it("patches with the resourceVersion the user saw and records the field before and after", async () => {
    const { deps, calls } = fakeDeps({ values: {}, resourceVersion: "1" });
    const result = await setInjection(deps, { kind: "Deployment", namespace: "bookinfo", name: "details-v1" }, { enabled: false, resourceVersion: "1" });
    expect(result).toEqual({ kind: "Deployment", namespace: "bookinfo", name: "details-v1", resourceVersion: "2", auditId: "audit-1" });
    expect(calls.patches).toEqual([{ target: { kind: "Deployment", namespace: "bookinfo", name: "details-v1" }, patch: { "sidecar.istio.io/inject": "false" }, resourceVersion: "1" }]);
    expect(calls.audits[0]).toMatchObject({
      actor: "alice",
      action: "update",
      kind: "Deployment",
      namespace: "bookinfo",
      name: "details-v1",
      source: "editor",
      before: { "spec.template.metadata.annotations": { "sidecar.istio.io/inject": null } },
      after: { "spec.template.metadata.annotations": { "sidecar.istio.io/inject": "false" } },
    });
  });

  it("refuses with a conflict, writing nothing, when the object changed since it was loaded", async () => {
    const { deps, calls } = fakeDeps({ values: { "istio-injection": "enabled" }, resourceVersion: "5" });
    const error = await setInjection(deps, { kind: "Namespace", name: "bookinfo" }, { enabled: false, resourceVersion: "4" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopsailError);
    expect((error as TopsailError).code).toBe("conflict");
    expect(calls.patches).toEqual([]);
    expect(calls.audits).toEqual([]);
  });
});
