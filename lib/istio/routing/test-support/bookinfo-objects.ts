/**
 * Test support: Bookinfo in namespace `bookinfo` and the ingress gateway in `istio-system`, as
 * the plain objects a cluster holds once `samples/bookinfo/platform/kube/bookinfo.yaml`,
 * `bookinfo-gateway.yaml` and `destination-rule-all.yaml` are applied and every pod runs with
 * a sidecar — one pod per Deployment. Extra YAML (the guides' VirtualServices, ./bookinfo-samples.ts)
 * is added on top, sorted into the snapshot input by kind.
 */
import { parseAllDocuments } from "yaml";
import type { PlainKubeObject } from "@/lib/kube/plain-object";
import type { SnapshotInput } from "../build-snapshot";
import {
  BOOKINFO_GATEWAY,
  BOOKINFO_SERVICES,
  BOOKINFO_WORKLOADS,
  bookinfoServiceAccount,
  DESTINATION_RULE_ALL,
} from "./bookinfo-samples";

const NAMESPACE = "bookinfo";

const FIELD_BY_KIND: Record<string, keyof SnapshotInput> = {
  Namespace: "namespaces",
  Pod: "pods",
  Service: "services",
  Deployment: "deployments",
  VirtualService: "virtualServices",
  DestinationRule: "destinationRules",
  Gateway: "gateways",
  ServiceEntry: "serviceEntries",
  PeerAuthentication: "peerAuthentications",
  AuthorizationPolicy: "authorizationPolicies",
  ConfigMap: "configMaps",
};

let created = 0;
/** Creation order is the order objects are written here: older config wins ties. */
const meta = (name: string, namespace: string, extra: object = {}) => ({
  name,
  namespace,
  creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, created++)).toISOString(),
  ...extra,
});

function pod(
  namespace: string,
  deployment: string,
  labels: Record<string, string>,
  serviceAccount: string,
  gateway = false,
): PlainKubeObject[] {
  const replicaSet = `${deployment}-5f7c9d8b4`;
  return [
    { apiVersion: "apps/v1", kind: "Deployment", metadata: meta(deployment, namespace), spec: {} },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: meta(`${replicaSet}-x2k9p`, namespace, {
        labels,
        ownerReferences: [{ kind: "ReplicaSet", name: replicaSet, controller: true }],
      }),
      spec: {
        serviceAccountName: serviceAccount,
        containers: [
          ...(gateway ? [] : [{ name: labels.app, ports: [{ containerPort: 9080 }] }]),
          { name: "istio-proxy", args: gateway ? ["proxy", "router"] : ["proxy", "sidecar"] },
        ],
      },
      status: { phase: "Running", podIP: `10.1.0.${created}`, conditions: [{ type: "Ready", status: "True" }] },
    },
  ];
}

function service(
  name: string,
  namespace: string,
  selector: Record<string, string>,
  ports: { name: string; port: number; targetPort: number }[],
): PlainKubeObject {
  return { apiVersion: "v1", kind: "Service", metadata: meta(name, namespace), spec: { selector, ports } };
}

function bookinfoApp(): PlainKubeObject[] {
  const objects: PlainKubeObject[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: meta(NAMESPACE, "") },
    { apiVersion: "v1", kind: "Namespace", metadata: meta("istio-system", "") },
  ];
  for (const app of BOOKINFO_SERVICES)
    objects.push(service(app, NAMESPACE, { app }, [{ name: "http", port: 9080, targetPort: 9080 }]));
  for (const [app, version] of BOOKINFO_WORKLOADS)
    objects.push(...pod(NAMESPACE, `${app}-${version}`, { app, version }, bookinfoServiceAccount(app)));
  const gatewayLabels = { app: "istio-ingressgateway", istio: "ingressgateway" };
  objects.push(
    service("istio-ingressgateway", "istio-system", gatewayLabels, [
      { name: "http2", port: 80, targetPort: 8080 },
      { name: "https", port: 443, targetPort: 8443 },
    ]),
    ...pod("istio-system", "istio-ingressgateway", gatewayLabels, "istio-ingressgateway-service-account", true),
  );
  return objects;
}

/** Plain objects from YAML, in document order (their creation order). */
export function objectsFromYaml(yaml: string): PlainKubeObject[] {
  return parseAllDocuments(yaml)
    .map((d) => d.toJS() as PlainKubeObject | null)
    .filter((o): o is PlainKubeObject => o !== null && typeof o === "object")
    .map((o) => ({ ...o, metadata: meta(o.metadata.name ?? "", o.metadata.namespace ?? "default", o.metadata) }));
}

/** Bookinfo with its gateway and subsets, plus `yaml`, as a snapshot's input. */
export function bookinfoInput(yaml = ""): SnapshotInput {
  const input = Object.fromEntries(Object.values(FIELD_BY_KIND).map((field) => [field, []])) as unknown as Record<
    keyof SnapshotInput,
    PlainKubeObject[]
  >;
  for (const object of [
    ...bookinfoApp(),
    ...objectsFromYaml(`${BOOKINFO_GATEWAY}---${DESTINATION_RULE_ALL}---\n${yaml}`),
  ]) {
    const field = FIELD_BY_KIND[String(object.kind)];
    if (field) input[field].push(object);
  }
  return input;
}
