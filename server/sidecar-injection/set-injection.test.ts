import { describe, expect, it } from "vitest";
import type { AuditOutcome } from "@/server/adapters/db/audit-entries";
import type { AuditIntent } from "@/server/istio-config/audit-intents";
import { DbError, KubeApiError, TopsailError } from "@/server/errors";
import { injectionPatch, setInjection, type InjectionDeps } from "./set-injection";

function fakeDeps(
  live: { values: Record<string, string>; resourceVersion: string },
  options: { dbDown?: boolean; patchFails?: boolean } = {},
) {
  const calls: { log: string[]; patches: unknown[]; intents: AuditIntent[]; outcomes: AuditOutcome[] } = {
    log: [],
    patches: [],
    intents: [],
    outcomes: [],
  };
  const deps: InjectionDeps = {
    actor: "alice",
    read: async () => live,
    async patch(target, patch, resourceVersion) {
      if (options.patchFails)
        throw new KubeApiError({ status: 409, reason: "Conflict", message: "the object has been modified" });
      calls.patches.push({ target, patch, resourceVersion });
      calls.log.push("patch");
      const values = { ...live.values };
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete values[k];
        else values[k] = v;
      }
      return target.kind === "Namespace"
        ? { kind: "Namespace", namespace: target.name, name: target.name, resourceVersion: "2", labels: values }
        : {
            kind: "Deployment",
            namespace: target.namespace,
            name: target.name,
            resourceVersion: "2",
            labels: {},
            templateAnnotations: values,
          };
    },
    cluster: async () => ({ clusterId: "uid-of-kube-system", kubeContext: "sim" }),
    async recordIntent(intent) {
      if (options.dbDown) throw new DbError("could not record the audit entry: no such table: AuditEntry");
      calls.intents.push(intent);
      calls.log.push("intent");
      return { id: "audit-1" };
    },
    async resolveIntent(_id, outcome) {
      calls.outcomes.push(outcome);
      calls.log.push(`resolve ${outcome.status}`);
    },
    log: () => undefined,
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

  it("records the intent before the patch, patches with the resourceVersion the user saw, and resolves it with the server's answer", async () => {
    const { deps, calls } = fakeDeps({ values: {}, resourceVersion: "1" });
    const result = await setInjection(
      deps,
      { kind: "Deployment", namespace: "bookinfo", name: "details-v1" },
      { enabled: false, resourceVersion: "1" },
    );
    expect(result).toEqual({
      kind: "Deployment",
      namespace: "bookinfo",
      name: "details-v1",
      resourceVersion: "2",
      auditId: "audit-1",
    });
    expect(calls.log).toEqual(["intent", "patch", "resolve applied"]);
    expect(calls.patches).toEqual([
      {
        target: { kind: "Deployment", namespace: "bookinfo", name: "details-v1" },
        patch: { "sidecar.istio.io/inject": "false" },
        resourceVersion: "1",
      },
    ]);
    expect(calls.intents[0]).toMatchObject({
      actor: "alice",
      action: "update",
      kind: "Deployment",
      namespace: "bookinfo",
      name: "details-v1",
      source: "editor",
      clusterId: "uid-of-kube-system",
      kubeContext: "sim",
      before: { "spec.template.metadata.annotations": { "sidecar.istio.io/inject": null } },
      after: { "spec.template.metadata.annotations": { "sidecar.istio.io/inject": "false" } },
    });
    expect(calls.outcomes).toEqual([
      {
        status: "applied",
        after: { "spec.template.metadata.annotations": { "sidecar.istio.io/inject": "false" } },
        resourceVersion: "2",
      },
    ]);
  });

  it("does not patch when the database cannot take the intent, and says nothing was changed", async () => {
    const { deps, calls } = fakeDeps({ values: {}, resourceVersion: "1" }, { dbDown: true });
    const error = await setInjection(
      deps,
      { kind: "Namespace", name: "bookinfo" },
      { enabled: true, resourceVersion: "1" },
    ).catch((e: unknown) => e);
    expect((error as TopsailError).code).toBe("database");
    expect((error as TopsailError).message).toContain("nothing was changed in the cluster");
    expect(calls.patches).toEqual([]);
  });

  it("resolves the intent failed when the API server refuses the patch, and passes its error on", async () => {
    const { deps, calls } = fakeDeps({ values: {}, resourceVersion: "1" }, { patchFails: true });
    const error = await setInjection(
      deps,
      { kind: "Namespace", name: "bookinfo" },
      { enabled: true, resourceVersion: "1" },
    ).catch((e: unknown) => e);
    expect((error as TopsailError).code).toBe("conflict");
    expect(calls.outcomes).toEqual([{ status: "failed", error: "the object has been modified" }]);
  });

  it("refuses with a conflict, recording and writing nothing, when the object changed since it was loaded", async () => {
    const { deps, calls } = fakeDeps({ values: { "istio-injection": "enabled" }, resourceVersion: "5" });
    const error = await setInjection(
      deps,
      { kind: "Namespace", name: "bookinfo" },
      { enabled: false, resourceVersion: "4" },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopsailError);
    expect((error as TopsailError).code).toBe("conflict");
    expect(calls.patches).toEqual([]);
    expect(calls.intents).toEqual([]);
  });
});
