import { describe, expect, it } from "vitest";
import type { KubeConnection } from "@/server/adapters/kube";
import { KubeApiError } from "@/server/errors";
import { contextFrom } from "./test-support/fixtures";
import { loadValidationContext } from "./load-validation-context";

const connection = { server: "https://127.0.0.1:6443" } as KubeConnection;
const forbidden = () => new KubeApiError({ status: 403, reason: "Forbidden", message: "pods is forbidden" });

describe("loadValidationContext", () => {
  it("reads the whole cluster when allowed", async () => {
    const scopes: Array<readonly string[] | undefined> = [];
    await loadValidationContext(connection, ["bookinfo"], async (_c, scope) => (scopes.push(scope), contextFrom("")));
    expect(scopes).toEqual([undefined]);
  });

  it("narrows to the asked namespaces plus the root namespace, then to the asked ones alone, when forbidden", async () => {
    const scopes: Array<readonly string[] | undefined> = [];
    const context = await loadValidationContext(connection, ["bookinfo"], async (_c, scope) => {
      scopes.push(scope);
      if (scope === undefined || scope.includes("istio-system")) throw forbidden();
      return contextFrom("");
    });
    expect(scopes).toEqual([undefined, ["bookinfo", "istio-system"], ["bookinfo"]]);
    expect(context.services).toEqual([]);
  });

  it("passes any other failure on, and a 403 on the asked namespaces too", async () => {
    const unreachable = new Error("ECONNREFUSED");
    await expect(loadValidationContext(connection, ["bookinfo"], async () => Promise.reject(unreachable))).rejects.toBe(unreachable);
    await expect(loadValidationContext(connection, ["bookinfo"], async () => Promise.reject(forbidden()))).rejects.toBeInstanceOf(KubeApiError);
  });
});
