/**
 * Defaults the real API server applies while decoding built-in objects (k8s.io/api
 * SetDefaults_*). Only the fields a user would notice in `kubectl get -o yaml` or that the
 * controllers and mesh engine read. One row per kind; each defaulter edits its own copy.
 */
import type { KubeObject } from "../store/types";
import { allocateClusterIP } from "./cluster-ip";

type Json = Record<string, unknown>;

function obj(parent: Json, key: string): Json {
  const existing = parent[key];
  if (existing && typeof existing === "object" && !Array.isArray(existing)) return existing as Json;
  const created: Json = {};
  parent[key] = created;
  return created;
}

function setIfAbsent(target: Json, key: string, value: unknown): void {
  if (target[key] === undefined) target[key] = value;
}

function defaultContainer(container: Json): void {
  setIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
  setIfAbsent(container, "terminationMessagePolicy", "File");
  const image = String(container.image ?? "");
  const tag = image.includes("@") ? "digest" : (image.split("/").pop() ?? "").split(":")[1];
  setIfAbsent(container, "imagePullPolicy", tag === undefined || tag === "latest" ? "Always" : "IfNotPresent");
  setIfAbsent(container, "resources", {});
  for (const port of (container.ports as Json[] | undefined) ?? []) setIfAbsent(port, "protocol", "TCP");
}

export function defaultPodSpec(spec: Json): void {
  setIfAbsent(spec, "restartPolicy", "Always");
  setIfAbsent(spec, "terminationGracePeriodSeconds", 30);
  setIfAbsent(spec, "dnsPolicy", "ClusterFirst");
  setIfAbsent(spec, "securityContext", {});
  setIfAbsent(spec, "schedulerName", "default-scheduler");
  for (const list of ["containers", "initContainers"]) {
    for (const c of (spec[list] as Json[] | undefined) ?? []) defaultContainer(c);
  }
}

function defaultPod(object: KubeObject): void {
  const spec = obj(object, "spec");
  defaultPodSpec(spec);
  if (spec.serviceAccountName === undefined)
    spec.serviceAccountName = (spec.serviceAccount as string | undefined) ?? "default";
  setIfAbsent(spec, "serviceAccount", spec.serviceAccountName);
  setIfAbsent(spec, "enableServiceLinks", true);
  setIfAbsent(spec, "preemptionPolicy", "PreemptLowerPriority");
  setIfAbsent(spec, "priority", 0);
  setIfAbsent(spec, "tolerations", [
    { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
    { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  ]);
}

function defaultWorkload(object: KubeObject, isDeployment: boolean): void {
  const spec = obj(object, "spec");
  setIfAbsent(spec, "replicas", 1);
  if (isDeployment) {
    const strategy = obj(spec, "strategy");
    setIfAbsent(strategy, "type", "RollingUpdate");
    if (strategy.type === "RollingUpdate")
      setIfAbsent(strategy, "rollingUpdate", { maxUnavailable: "25%", maxSurge: "25%" });
    setIfAbsent(spec, "revisionHistoryLimit", 10);
    setIfAbsent(spec, "progressDeadlineSeconds", 600);
  }
  const template = obj(spec, "template");
  obj(template, "metadata");
  defaultPodSpec(obj(template, "spec"));
}

function defaultService(object: KubeObject): void {
  const spec = obj(object, "spec");
  setIfAbsent(spec, "type", "ClusterIP");
  setIfAbsent(spec, "sessionAffinity", "None");
  if (spec.type !== "ExternalName") {
    setIfAbsent(
      spec,
      "clusterIP",
      allocateClusterIP(object.metadata.namespace ?? "default", object.metadata.name ?? ""),
    );
    setIfAbsent(spec, "clusterIPs", spec.clusterIP === "None" ? ["None"] : [spec.clusterIP]);
    setIfAbsent(spec, "ipFamilies", ["IPv4"]);
    setIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
    setIfAbsent(spec, "internalTrafficPolicy", "Cluster");
  }
  for (const port of (spec.ports as Json[] | undefined) ?? []) {
    setIfAbsent(port, "protocol", "TCP");
    setIfAbsent(port, "targetPort", port.port);
  }
  if (spec.type === "LoadBalancer" || spec.type === "NodePort") setIfAbsent(spec, "externalTrafficPolicy", "Cluster");
  setIfAbsent(object, "status", { loadBalancer: {} });
}

function defaultNamespace(object: KubeObject): void {
  const labels = (object.metadata.labels ??= {});
  // The NamespaceDefaultLabelName feature (GA in 1.22) labels every namespace with its name.
  if (object.metadata.name) labels["kubernetes.io/metadata.name"] = object.metadata.name;
  const spec = obj(object, "spec");
  setIfAbsent(spec, "finalizers", ["kubernetes"]);
  setIfAbsent(object, "status", { phase: "Active" });
}

/** SetDefaults_Secret: a Secret without a type (or an empty one) is Opaque. */
function defaultSecret(object: KubeObject): void {
  if (object.type === undefined || object.type === "") object.type = "Opaque";
}

const DEFAULTERS: Record<string, (object: KubeObject) => void> = {
  "/Pod": defaultPod,
  "/Service": defaultService,
  "/Namespace": defaultNamespace,
  "/Secret": defaultSecret,
  "apps/Deployment": (o) => defaultWorkload(o, true),
  "apps/ReplicaSet": (o) => defaultWorkload(o, false),
};

/** Returns a defaulted copy; kinds without a row come back unchanged. */
export function applyDefaults(group: string, kind: string, object: KubeObject): KubeObject {
  const defaulter = DEFAULTERS[`${group}/${kind}`];
  if (!defaulter) return object;
  const copy = structuredClone(object);
  copy.metadata ??= {};
  defaulter(copy);
  return copy;
}
