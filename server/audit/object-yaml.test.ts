import { describe, expect, it } from "vitest";
import { objectYaml } from "./object-yaml";

describe("objectYaml", () => {
  it("drops server-managed fields and kubectl's last-applied copy", () => {
    const text = objectYaml({
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: {
        name: "reviews",
        namespace: "bookinfo",
        resourceVersion: "9",
        uid: "u",
        managedFields: [],
        annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" },
      },
      spec: { hosts: ["reviews"] },
      status: { observedGeneration: 2 },
    });
    expect(text).toBe(
      "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n  namespace: bookinfo\nspec:\n  hosts:\n    - reviews\n",
    );
  });

  it("shows the sidecar-injection settings a Namespace or Deployment entry records as they are", () => {
    expect(objectYaml({ "metadata.labels": { "istio-injection": "disabled", "istio.io/rev": null } })).toBe(
      "metadata.labels:\n  istio-injection: disabled\n  istio.io/rev: null\n",
    );
  });

  it("is empty for an object that does not exist", () => {
    expect(objectYaml(null)).toBe("");
  });
});
