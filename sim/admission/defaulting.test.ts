import { describe, expect, it } from "vitest";
import { applyDefaults } from "./defaulting";

describe("applyDefaults", () => {
  it("gives a Service a cluster IP in 10.96/16, a type and target ports", () => {
    const svc = applyDefaults("", "Service", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: { ports: [{ port: 9080, name: "http" }], selector: { app: "reviews" } },
    });
    const spec = svc.spec as {
      clusterIP: string;
      type: string;
      sessionAffinity: string;
      ports: Array<{ targetPort: number; protocol: string }>;
    };
    expect(spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    expect(spec.type).toBe("ClusterIP");
    expect(spec.sessionAffinity).toBe("None");
    expect(spec.ports[0]).toMatchObject({ targetPort: 9080, protocol: "TCP" });
  });

  it("keeps a headless Service headless and an explicit IP as given", () => {
    const headless = applyDefaults("", "Service", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "h" },
      spec: { clusterIP: "None" },
    });
    expect((headless.spec as { clusterIP: string }).clusterIP).toBe("None");
  });

  it("defaults a Deployment's strategy, history and pod template", () => {
    const d = applyDefaults("apps", "Deployment", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { template: { spec: { containers: [{ name: "c", image: "nginx" }] } } },
    });
    expect(d.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      template: {
        spec: {
          restartPolicy: "Always",
          dnsPolicy: "ClusterFirst",
          schedulerName: "default-scheduler",
          containers: [{ imagePullPolicy: "Always", terminationMessagePath: "/dev/termination-log" }],
        },
      },
    });
  });

  it("leaves kinds without defaults untouched", () => {
    const vs = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "v" }, spec: {} };
    expect(applyDefaults("networking.istio.io", "VirtualService", vs)).toBe(vs);
  });
  it("makes a Secret without a type Opaque and keeps a TLS one's type", () => {
    const opaque = applyDefaults("", "Secret", { apiVersion: "v1", kind: "Secret", metadata: { name: "s" } });
    expect(opaque.type).toBe("Opaque");
    const tls = applyDefaults("", "Secret", {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "t" },
      type: "kubernetes.io/tls",
    });
    expect(tls.type).toBe("kubernetes.io/tls");
  });
});
