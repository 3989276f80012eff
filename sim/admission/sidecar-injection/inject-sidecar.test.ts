import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../store/types";
import { injectSidecar, isInjected } from "./inject-sidecar";

const pod: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "reviews-v1-6b9f8c7d4-x2k9q",
    namespace: "bookinfo",
    labels: { app: "reviews", version: "v1" },
    ownerReferences: [
      { apiVersion: "apps/v1", kind: "ReplicaSet", name: "reviews-v1-6b9f8c7d4", uid: "u", controller: true },
    ],
  },
  spec: { containers: [{ name: "reviews", image: "reviews:1", ports: [{ containerPort: 9080 }] }] },
};

describe("injectSidecar", () => {
  const injected = injectSidecar(pod, "default");
  const spec = injected.spec as {
    containers: Array<Record<string, unknown>>;
    initContainers: Array<Record<string, unknown>>;
    volumes: unknown[];
  };

  it("adds istio-proxy after the app and istio-init as an init container", () => {
    expect(spec.containers.map((c) => c.name)).toEqual(["reviews", "istio-proxy"]);
    expect(spec.initContainers.map((c) => c.name)).toEqual(["istio-init"]);
    expect(spec.containers[1]).toMatchObject({
      image: "docker.io/istio/proxyv2:1.24.2",
      ports: [{ containerPort: 15090, name: "http-envoy-prom", protocol: "TCP" }],
    });
    expect((spec.containers[1]?.args as string[]).slice(0, 2)).toEqual(["proxy", "sidecar"]);
    expect(spec.volumes).toHaveLength(8);
  });

  it("labels and annotates the pod as istiod does", () => {
    expect(injected.metadata.labels).toMatchObject({
      "security.istio.io/tlsMode": "istio",
      "service.istio.io/canonical-name": "reviews",
      "service.istio.io/canonical-revision": "v1",
    });
    const status = JSON.parse(injected.metadata.annotations?.["sidecar.istio.io/status"] ?? "{}") as {
      containers: string[];
      revision: string;
    };
    expect(status).toMatchObject({ containers: ["istio-proxy"], revision: "default" });
    expect(injected.metadata.annotations?.["prometheus.io/port"]).toBe("15020");
  });

  it("names the workload after the deployment that owns the ReplicaSet", () => {
    const env = spec.containers[1]?.env as Array<{ name: string; value?: string }>;
    expect(env.find((e) => e.name === "ISTIO_META_WORKLOAD_NAME")?.value).toBe("reviews-v1");
  });

  it("recognises an injected pod so it is never injected twice", () => {
    expect(isInjected(pod)).toBe(false);
    expect(isInjected(injected)).toBe(true);
  });
});
