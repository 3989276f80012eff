import { describe, expect, it } from "vitest";
import type { PlainKubeObject } from "@/lib/kube/plain-object";
import { readMeshConfig } from "./mesh-config";

const istioConfigMap = (mesh: string, namespace = "istio-system"): PlainKubeObject =>
  ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "istio", namespace }, data: { mesh } }) as PlainKubeObject;

describe("the mesh config the data plane follows", () => {
  it("reads REGISTRY_ONLY from the root namespace's istio ConfigMap", () => {
    const mesh = "accessLogFile: /dev/stdout\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n";
    expect(readMeshConfig([istioConfigMap(mesh)], "istio-system").outboundTrafficMode).toBe("REGISTRY_ONLY");
  });

  it.each([
    ["no ConfigMap", []],
    ["a ConfigMap of another namespace", [istioConfigMap("outboundTrafficPolicy: {mode: REGISTRY_ONLY}", "default")]],
    ["no outboundTrafficPolicy", [istioConfigMap("accessLogFile: /dev/stdout")]],
    ["YAML that does not parse", [istioConfigMap("outboundTrafficPolicy: [mode: REGISTRY_ONLY")]],
    ["ALLOW_ANY_DYNAMIC_DNS", [istioConfigMap("outboundTrafficPolicy: {mode: ALLOW_ANY_DYNAMIC_DNS}")]],
  ])("falls back to ALLOW_ANY with %s", (_, configMaps: PlainKubeObject[]) => {
    expect(readMeshConfig(configMaps, "istio-system").outboundTrafficMode).toBe("ALLOW_ANY");
  });
});
