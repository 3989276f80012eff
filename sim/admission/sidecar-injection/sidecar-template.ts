/**
 * What istiod 1.24's default injection template adds to a pod: the `istio-init` init
 * container (iptables redirect), the `istio-proxy` container, and their volumes. Values
 * follow `istioctl kube-inject` output for a default install; env vars that carry large
 * JSON blobs in the real template are reduced to what tools read.
 */

export const PROXY_IMAGE = "docker.io/istio/proxyv2:1.24.2";

type Json = Record<string, unknown>;

export function istioInitContainer(): Json {
  return {
    name: "istio-init",
    image: PROXY_IMAGE,
    imagePullPolicy: "IfNotPresent",
    args: [
      "istio-iptables",
      "-p",
      "15001",
      "-z",
      "15006",
      "-u",
      "1337",
      "-m",
      "REDIRECT",
      "-i",
      "*",
      "-x",
      "",
      "-b",
      "*",
      "-d",
      "15090,15021,15020",
      "--log_output_level=default:info",
    ],
    resources: { limits: { cpu: "2", memory: "1Gi" }, requests: { cpu: "100m", memory: "128Mi" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { add: ["NET_ADMIN", "NET_RAW"], drop: ["ALL"] },
      privileged: false,
      readOnlyRootFilesystem: false,
      runAsGroup: 0,
      runAsNonRoot: false,
      runAsUser: 0,
    },
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
  };
}

function fieldEnv(name: string, fieldPath: string): Json {
  return { name, valueFrom: { fieldRef: { apiVersion: "v1", fieldPath } } };
}

export interface ProxyContext {
  podName: string;
  workloadName: string;
  ownerReference: string;
  appContainers: string[];
  podPorts: Json[];
}

export function istioProxyContainer(ctx: ProxyContext): Json {
  return {
    name: "istio-proxy",
    image: PROXY_IMAGE,
    imagePullPolicy: "IfNotPresent",
    args: [
      "proxy",
      "sidecar",
      "--domain",
      "$(POD_NAMESPACE).svc.cluster.local",
      "--proxyLogLevel=warning",
      "--proxyComponentLogLevel=misc:error",
      "--log_output_level=default:info",
    ],
    env: [
      { name: "PILOT_CERT_PROVIDER", value: "istiod" },
      { name: "CA_ADDR", value: "istiod.istio-system.svc:15012" },
      fieldEnv("POD_NAME", "metadata.name"),
      fieldEnv("POD_NAMESPACE", "metadata.namespace"),
      fieldEnv("INSTANCE_IP", "status.podIP"),
      fieldEnv("SERVICE_ACCOUNT", "spec.serviceAccountName"),
      fieldEnv("HOST_IP", "status.hostIP"),
      { name: "ISTIO_CPU_LIMIT", valueFrom: { resourceFieldRef: { divisor: "0", resource: "limits.cpu" } } },
      { name: "PROXY_CONFIG", value: "{}\n" },
      { name: "ISTIO_META_POD_PORTS", value: JSON.stringify(ctx.podPorts) },
      { name: "ISTIO_META_APP_CONTAINERS", value: ctx.appContainers.join(",") },
      { name: "ISTIO_META_CLUSTER_ID", value: "Kubernetes" },
      fieldEnv("ISTIO_META_NODE_NAME", "spec.nodeName"),
      { name: "ISTIO_META_INTERCEPTION_MODE", value: "REDIRECT" },
      { name: "ISTIO_META_WORKLOAD_NAME", value: ctx.workloadName },
      { name: "ISTIO_META_OWNER", value: ctx.ownerReference },
      { name: "ISTIO_META_MESH_ID", value: "cluster.local" },
      { name: "TRUST_DOMAIN", value: "cluster.local" },
    ],
    ports: [{ containerPort: 15090, name: "http-envoy-prom", protocol: "TCP" }],
    readinessProbe: {
      failureThreshold: 4,
      httpGet: { path: "/healthz/ready", port: 15021, scheme: "HTTP" },
      periodSeconds: 15,
      successThreshold: 1,
      timeoutSeconds: 3,
    },
    startupProbe: {
      failureThreshold: 600,
      httpGet: { path: "/healthz/ready", port: 15021, scheme: "HTTP" },
      periodSeconds: 1,
      successThreshold: 1,
      timeoutSeconds: 3,
    },
    resources: { limits: { cpu: "2", memory: "1Gi" }, requests: { cpu: "100m", memory: "128Mi" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 1337,
      runAsNonRoot: true,
      runAsUser: 1337,
    },
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
    volumeMounts: [
      { mountPath: "/var/run/secrets/workload-spiffe-uds", name: "workload-socket" },
      { mountPath: "/var/run/secrets/credential-uds", name: "credential-socket" },
      { mountPath: "/var/run/secrets/workload-spiffe-credentials", name: "workload-certs" },
      { mountPath: "/var/run/secrets/istio", name: "istiod-ca-cert" },
      { mountPath: "/var/lib/istio/data", name: "istio-data" },
      { mountPath: "/etc/istio/proxy", name: "istio-envoy" },
      { mountPath: "/var/run/secrets/tokens", name: "istio-token" },
      { mountPath: "/etc/istio/pod", name: "istio-podinfo" },
    ],
  };
}

export const INJECTED_VOLUMES = [
  "workload-socket",
  "credential-socket",
  "workload-certs",
  "istio-envoy",
  "istio-data",
  "istio-podinfo",
  "istio-token",
  "istiod-ca-cert",
];

export function injectedVolumes(): Json[] {
  return [
    { name: "workload-socket", emptyDir: {} },
    { name: "credential-socket", emptyDir: {} },
    { name: "workload-certs", emptyDir: {} },
    { name: "istio-envoy", emptyDir: { medium: "Memory" } },
    { name: "istio-data", emptyDir: {} },
    {
      name: "istio-podinfo",
      downwardAPI: {
        defaultMode: 420,
        items: [
          { fieldRef: { apiVersion: "v1", fieldPath: "metadata.labels" }, path: "labels" },
          { fieldRef: { apiVersion: "v1", fieldPath: "metadata.annotations" }, path: "annotations" },
        ],
      },
    },
    {
      name: "istio-token",
      projected: {
        defaultMode: 420,
        sources: [{ serviceAccountToken: { audience: "istio-ca", expirationSeconds: 43200, path: "istio-token" } }],
      },
    },
    { name: "istiod-ca-cert", configMap: { defaultMode: 420, name: "istio-ca-root-cert" } },
  ];
}
