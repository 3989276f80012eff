import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { admit } from "../admission/index";
import { createAdmittedStore } from "../store/admitted-store";
import { MemoryStore } from "../store/memory-store";
import type { KubeObject, StoreClient } from "../store/types";
import { applyManifestText, applyScenarioDirs } from "./apply-scenarios";

const DEFAULT_DIR = fileURLToPath(new URL("./default", import.meta.url));

function freshStore(): StoreClient {
  return createAdmittedStore(new MemoryStore(), admit);
}

function names(items: KubeObject[]): string[] {
  return items.map((o) => o.metadata.name ?? "").sort();
}

describe("applyScenarioDirs with the default scenario", () => {
  const store = freshStore();
  const report = applyScenarioDirs(store, [DEFAULT_DIR]);

  it("creates every object without a validation error", () => {
    expect(report.unchanged).toBe(0);
    expect(report.created).toBeGreaterThan(50);
  });

  it("serves the Istio CRDs with v1 as storage version", () => {
    const crds = store.list({ group: "apiextensions.k8s.io", resource: "customresourcedefinitions" }).items;
    expect(names(crds)).toContain("virtualservices.networking.istio.io");
    const vs = crds.find((c) => c.metadata.name === "virtualservices.networking.istio.io");
    const versions = (vs?.spec as { versions: Array<{ name: string; storage: boolean }> }).versions;
    expect(versions.map((v) => `${v.name}:${v.storage}`)).toEqual(["v1:true", "v1beta1:false", "v1alpha3:false"]);
  });

  it("deploys all of Bookinfo in an injected namespace", () => {
    expect(
      store.get({ group: "", resource: "namespaces" }, undefined, "bookinfo")?.metadata.labels?.["istio-injection"],
    ).toBe("enabled");
    expect(names(store.list({ group: "apps", resource: "deployments" }, "bookinfo").items)).toEqual([
      "details-v1",
      "productpage-v1",
      "ratings-v1",
      "reviews-v1",
      "reviews-v2",
      "reviews-v3",
    ]);
    expect(names(store.list({ group: "", resource: "services" }, "bookinfo").items)).toEqual([
      "details",
      "productpage",
      "ratings",
      "reviews",
    ]);
    expect(names(store.list({ group: "networking.istio.io", resource: "destinationrules" }, "bookinfo").items)).toEqual(
      ["details", "productpage", "ratings", "reviews"],
    );
  });

  it("leaves existing objects alone when applied again, as after a restart", () => {
    const again = applyScenarioDirs(store, [DEFAULT_DIR]);
    expect(again).toEqual({ created: 0, unchanged: report.created });
  });
});

describe("applyManifestText", () => {
  it("names the file and document of an object the cluster refuses", () => {
    const store = freshStore();
    const yaml = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: broken\n  namespace: demo\nspec:\n  hosts: [reviews]\n`;
    expect(() => applyManifestText(store, "mine.yaml", yaml)).toThrow(
      'mine.yaml: document 2: VirtualService demo/broken: admission webhook "validation.istio.io" denied the request: configuration is invalid: http, tcp or tls must be provided in virtual service',
    );
  });

  it("names the document with an unknown kind or broken YAML", () => {
    const store = freshStore();
    expect(() =>
      applyManifestText(store, "x.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"),
    ).toThrow('x.yaml: document 1: no matches for kind "Widget" in version "example.com/v1"');
    expect(() =>
      applyManifestText(store, "y.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n---\nkind: [\n"),
    ).toThrow(/^y\.yaml: document 2: /);
  });
});
