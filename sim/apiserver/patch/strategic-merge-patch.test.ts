import { describe, expect, it } from "vitest";
import { findResource } from "../../store/resource-registry";
import { applyStrategicMergePatch } from "./strategic-merge-patch";
import { applyMergePatch } from "./merge-patch";
import { applyJsonPatch } from "./json-patch";

const deploymentKeys = findResource("apps", "deployments")?.mergeKeys ?? {};

const deployment = {
  spec: {
    replicas: 1,
    template: {
      spec: {
        containers: [
          { name: "app", image: "app:1", env: [{ name: "A", value: "1" }], ports: [{ containerPort: 80 }] },
          { name: "istio-proxy", image: "proxyv2" },
        ],
      },
    },
  },
};

describe("strategic merge patch", () => {
  it("merges containers by name and their env by name, keeping the others", () => {
    const patched = applyStrategicMergePatch(
      deployment,
      {
        spec: {
          template: { spec: { containers: [{ name: "app", image: "app:2", env: [{ name: "B", value: "2" }] }] } },
        },
      },
      deploymentKeys,
    );
    expect(patched).toEqual({
      spec: {
        replicas: 1,
        template: {
          spec: {
            containers: [
              {
                name: "app",
                image: "app:2",
                env: [
                  { name: "A", value: "1" },
                  { name: "B", value: "2" },
                ],
                ports: [{ containerPort: 80 }],
              },
              { name: "istio-proxy", image: "proxyv2" },
            ],
          },
        },
      },
    });
  });

  it("deletes a list item with $patch: delete and a field with null", () => {
    const patched = applyStrategicMergePatch(
      deployment,
      { spec: { replicas: null, template: { spec: { containers: [{ name: "istio-proxy", $patch: "delete" }] } } } },
      deploymentKeys,
    ) as typeof deployment;
    expect(patched.spec.replicas).toBeUndefined();
    expect(patched.spec.template.spec.containers.map((c) => c.name)).toEqual(["app"]);
  });

  it("orders a merged list by $setElementOrder, as kubectl apply sends it", () => {
    const patched = applyStrategicMergePatch(
      deployment,
      {
        spec: {
          template: {
            spec: {
              "$setElementOrder/containers": [{ name: "istio-proxy" }, { name: "app" }],
              containers: [{ name: "app", image: "app:3" }],
            },
          },
        },
      },
      deploymentKeys,
    ) as typeof deployment;
    expect(patched.spec.template.spec.containers.map((c) => c.name)).toEqual(["istio-proxy", "app"]);
  });
});

describe("merge and JSON patches", () => {
  it("replaces lists and deletes with null in a merge patch", () => {
    expect(
      applyMergePatch({ spec: { hosts: ["a"], gateways: ["g"] } }, { spec: { hosts: ["b"], gateways: null } }),
    ).toEqual({ spec: { hosts: ["b"] } });
  });

  it("applies RFC 6902 operations and refuses a failing test with 422", () => {
    expect(applyJsonPatch({ spec: { hosts: ["a"] } }, [{ op: "add", path: "/spec/hosts/-", value: "b" }])).toEqual({
      spec: { hosts: ["a", "b"] },
    });
    expect(() => applyJsonPatch({ spec: {} }, [{ op: "test", path: "/spec/x", value: 1 }])).toThrow(
      /rejected our request/,
    );
  });
});
