import { describe, expect, it } from "vitest";
import type { KubeObject } from "../store/types";
import { aggregateClusterRole } from "./aggregate-cluster-roles";

function clusterRole(
  name: string,
  labels: Record<string, string>,
  rules: unknown[],
  selector?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name, labels },
    rules,
    ...(selector ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: selector }] } } : {}),
  };
}

const READ_PODS = { apiGroups: [""], resources: ["pods"], verbs: ["get"] };
const READ_VS = { apiGroups: ["networking.istio.io"], resources: ["virtualservices"], verbs: ["get"] };

describe("cluster-role aggregation", () => {
  const view = clusterRole("view", {}, [], { "aggregate-to-view": "true" });
  const roles = [
    view,
    clusterRole("z-istio-view", { "aggregate-to-view": "true" }, [READ_VS, READ_PODS]),
    clusterRole("a-view", { "aggregate-to-view": "true" }, [READ_PODS]),
    clusterRole("other", {}, [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]),
  ];

  it("collects the matching roles' rules in name order, each once", () => {
    const [action] = aggregateClusterRole(view, roles);
    expect(action?.type === "update" && action.object.rules).toEqual([READ_PODS, READ_VS]);
  });

  it("does nothing when the rules are already those, or the role aggregates nothing", () => {
    expect(aggregateClusterRole({ ...view, rules: [READ_PODS, READ_VS] }, roles)).toEqual([]);
    expect(aggregateClusterRole(roles[3] as KubeObject, roles)).toEqual([]);
  });
});
