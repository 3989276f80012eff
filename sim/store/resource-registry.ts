/**
 * The static table of resources the simulator serves. Discovery, OpenAPI, tables, the
 * store and the scenario loader all read this one table, so adding a resource is adding a
 * row. Printer columns are those of the real API server (kubernetes
 * pkg/printers/internalversion/printers.go) and of Istio's CRDs; built-in columns that are
 * computed rather than read by jsonPath name a `cell` that sim/apiserver/printer-cells.ts
 * implements.
 */

export type Verb = "create" | "delete" | "deletecollection" | "get" | "list" | "patch" | "update" | "watch";

export interface PrinterColumn {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format?: string;
  description: string;
  /** 0 = shown by default, 1 = only with -o wide. */
  priority: number;
  /** Custom-resource style: a simple path like `.spec.hosts`. */
  jsonPath?: string;
  /** Built-in style: the name of a computed cell (see printer-cells.ts). */
  cell?: string;
}

export interface ResourceDef {
  group: string;
  /** Served versions, preferred first. All share one storage. */
  versions: string[];
  storageVersion: string;
  resource: string;
  singularName: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: Verb[];
  hasStatus: boolean;
  /** Serves the autoscaling/v1 Scale subresource (kubectl scale patches it). */
  hasScale: boolean;
  /** Built-in kinds are served by compiled-in code; custom resources come from CRDs (JSON merge patch only). */
  builtIn: boolean;
  printerColumns: PrinterColumn[];
  /** Strategic-merge list keys by dotted field path (array indices omitted), e.g. `spec.containers` → `name`. */
  mergeKeys: Record<string, string>;
}

const ALL_VERBS: Verb[] = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const NO_COLLECTION_DELETE: Verb[] = ["create", "delete", "get", "list", "patch", "update", "watch"];

const nameCol: PrinterColumn = {
  name: "Name",
  type: "string",
  format: "name",
  description: "Name must be unique within a namespace.",
  priority: 0,
  cell: "name",
};
const ageCol: PrinterColumn = {
  name: "Age",
  type: "string",
  description: "CreationTimestamp is a timestamp representing the server time when this object was created.",
  priority: 0,
  cell: "age",
};
const crdAgeCol: PrinterColumn = {
  name: "Age",
  type: "date",
  description: "CreationTimestamp is a timestamp representing the server time when this object was created.",
  priority: 0,
  jsonPath: ".metadata.creationTimestamp",
};
const createdAtCol: PrinterColumn = {
  name: "Created At",
  type: "date",
  description: "Time when this object was created.",
  priority: 0,
  cell: "createdAt",
};

function col(
  name: string,
  cell: string,
  priority = 0,
  type: PrinterColumn["type"] = "string",
  description = "",
): PrinterColumn {
  return { name, type, description: description || name, priority, cell };
}

/** RoleBinding and ClusterRoleBinding print the same columns. */
const bindingCols: PrinterColumn[] = [
  nameCol,
  col("Role", "bindingRole", 0, "string", "Role of the binding."),
  ageCol,
  col("Users", "bindingUsers", 1, "string", "Users in the binding."),
  col("Groups", "bindingGroups", 1, "string", "Groups in the binding."),
  col("ServiceAccounts", "bindingServiceAccounts", 1, "string", "ServiceAccounts in the binding."),
];

function crdCol(name: string, jsonPath: string, description: string): PrinterColumn {
  return { name, type: "string", description, priority: 0, jsonPath };
}

/** Merge keys of a PodSpec found at `prefix` (e.g. `spec` for pods, `spec.template.spec` for deployments). */
function podSpecMergeKeys(prefix: string): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
    keys[`${prefix}.${list}`] = "name";
    keys[`${prefix}.${list}.ports`] = "containerPort";
    keys[`${prefix}.${list}.env`] = "name";
    keys[`${prefix}.${list}.volumeMounts`] = "mountPath";
    keys[`${prefix}.${list}.volumeDevices`] = "devicePath";
    keys[`${prefix}.${list}.resizePolicy`] = "resourceName";
  }
  keys[`${prefix}.volumes`] = "name";
  keys[`${prefix}.imagePullSecrets`] = "name";
  keys[`${prefix}.hostAliases`] = "ip";
  keys[`${prefix}.topologySpreadConstraints`] = "topologyKey";
  keys[`${prefix}.schedulingGates`] = "name";
  keys[`${prefix}.resourceClaims`] = "name";
  return keys;
}

const metadataMergeKeys: Record<string, string> = { "metadata.ownerReferences": "uid" };

interface RowInput {
  group: string;
  versions: string[];
  resource: string;
  singularName: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: Verb[];
  hasStatus?: boolean;
  hasScale?: boolean;
  builtIn?: boolean;
  printerColumns: PrinterColumn[];
  mergeKeys?: Record<string, string>;
}

function row(input: RowInput): ResourceDef {
  const builtIn = input.builtIn ?? true;
  const firstVersion = input.versions[0] ?? "v1";
  return {
    group: input.group,
    versions: input.versions,
    storageVersion: firstVersion,
    resource: input.resource,
    singularName: input.singularName,
    kind: input.kind,
    listKind: `${input.kind}List`,
    namespaced: input.namespaced,
    shortNames: input.shortNames ?? [],
    categories: input.categories ?? [],
    verbs: input.verbs ?? ALL_VERBS,
    hasStatus: input.hasStatus ?? false,
    hasScale: input.hasScale ?? false,
    builtIn,
    // Custom resources always get the Name column from the server; built-ins declare theirs.
    printerColumns: builtIn ? input.printerColumns : [nameCol, ...input.printerColumns],
    mergeKeys: builtIn ? { ...metadataMergeKeys, ...(input.mergeKeys ?? {}) } : {},
  };
}

const ISTIO_NET_VERSIONS = ["v1", "v1beta1", "v1alpha3"];
const ISTIO_NET_CATEGORIES = ["istio-io", "networking-istio-io"];
const ISTIO_SEC_CATEGORIES = ["istio-io", "security-istio-io"];

function istioRow(
  group: string,
  versions: string[],
  resource: string,
  kind: string,
  shortNames: string[],
  categories: string[],
  columns: PrinterColumn[],
): ResourceDef {
  return row({
    group,
    versions,
    resource,
    singularName: kind.toLowerCase(),
    kind,
    namespaced: true,
    shortNames,
    categories,
    hasStatus: true,
    builtIn: false,
    printerColumns: [...columns, crdAgeCol],
  });
}

export const RESOURCES: readonly ResourceDef[] = [
  row({
    group: "",
    versions: ["v1"],
    resource: "namespaces",
    singularName: "namespace",
    kind: "Namespace",
    namespaced: false,
    shortNames: ["ns"],
    verbs: NO_COLLECTION_DELETE,
    hasStatus: true,
    printerColumns: [nameCol, col("Status", "namespacePhase", 0, "string", "The status of the namespace"), ageCol],
  }),
  row({
    group: "",
    versions: ["v1"],
    resource: "pods",
    singularName: "pod",
    kind: "Pod",
    namespaced: true,
    shortNames: ["po"],
    categories: ["all"],
    hasStatus: true,
    printerColumns: [
      nameCol,
      col("Ready", "podReady", 0, "string", "The aggregate readiness state of this pod for accepting traffic."),
      col("Status", "podStatus", 0, "string", "The aggregate status of the containers in this pod."),
      col(
        "Restarts",
        "podRestarts",
        0,
        "string",
        "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
      ),
      ageCol,
      col("IP", "podIP", 1, "string", "The IP address assigned to the pod"),
      col("Node", "podNode", 1, "string", "The name of the node to which the pod is assigned"),
      col("Nominated Node", "podNominatedNode", 1, "string", "The name of the node nominated by the scheduler"),
      col("Readiness Gates", "podReadinessGates", 1, "string", "The readiness gates of the pod"),
    ],
    mergeKeys: {
      ...podSpecMergeKeys("spec"),
      "status.conditions": "type",
      "status.containerStatuses": "name",
      "status.podIPs": "ip",
    },
  }),
  row({
    group: "",
    versions: ["v1"],
    resource: "services",
    singularName: "service",
    kind: "Service",
    namespaced: true,
    shortNames: ["svc"],
    categories: ["all"],
    hasStatus: true,
    verbs: ALL_VERBS,
    printerColumns: [
      nameCol,
      col("Type", "serviceType", 0, "string", "The type of service."),
      col("Cluster-IP", "serviceClusterIP", 0, "string", "The internal IP address of the service."),
      col("External-IP", "serviceExternalIP", 0, "string", "External IP addresses of the service."),
      col("Port(s)", "servicePorts", 0, "string", "The ports of the service."),
      ageCol,
      col("Selector", "serviceSelector", 1, "string", "The label selector of the service."),
    ],
    mergeKeys: { "spec.ports": "port", "status.conditions": "type" },
  }),
  row({
    group: "",
    versions: ["v1"],
    resource: "endpoints",
    singularName: "endpoints",
    kind: "Endpoints",
    namespaced: true,
    shortNames: ["ep"],
    printerColumns: [nameCol, col("Endpoints", "endpoints", 0, "string", "Endpoints of the service."), ageCol],
  }),
  row({
    group: "",
    versions: ["v1"],
    resource: "serviceaccounts",
    singularName: "serviceaccount",
    kind: "ServiceAccount",
    namespaced: true,
    shortNames: ["sa"],
    printerColumns: [
      nameCol,
      col("Secrets", "serviceAccountSecrets", 0, "string", "Secrets of the service account."),
      ageCol,
    ],
    mergeKeys: { secrets: "name" },
  }),
  row({
    group: "",
    versions: ["v1"],
    resource: "configmaps",
    singularName: "configmap",
    kind: "ConfigMap",
    namespaced: true,
    shortNames: ["cm"],
    printerColumns: [nameCol, col("Data", "configMapData", 0, "string", "Number of keys in the config map."), ageCol],
  }),
  row({
    group: "",
    versions: ["v1"],
    resource: "secrets",
    singularName: "secret",
    kind: "Secret",
    namespaced: true,
    printerColumns: [
      nameCol,
      col("Type", "secretType", 0, "string", "The type of the secret"),
      col("Data", "secretData", 0, "string", "The number of entries in the secret"),
      ageCol,
    ],
  }),
  row({
    group: "",
    versions: ["v1"],
    resource: "events",
    singularName: "event",
    kind: "Event",
    namespaced: true,
    shortNames: ["ev"],
    printerColumns: [
      col("Last Seen", "eventLastSeen", 0, "string", "Time when last event occurred."),
      col("Type", "eventType", 0, "string", "Type of this event."),
      col("Reason", "eventReason", 0, "string", "Reason why this event was generated."),
      col("Object", "eventObject", 0, "string", "The object that this event is about."),
      col("Subobject", "eventSubobject", 1, "string", "The subobject that this event is about."),
      col("Source", "eventSource", 1, "string", "The component reporting this event."),
      col("Message", "eventMessage", 0, "string", "A human-readable description of the status of this operation."),
      col("First Seen", "eventFirstSeen", 1, "string", "Time when first event occurred."),
      col("Count", "eventCount", 1, "string", "Number of times this event has occurred."),
      { ...nameCol, priority: 1 },
    ],
  }),
  row({
    group: "apps",
    versions: ["v1"],
    resource: "deployments",
    singularName: "deployment",
    kind: "Deployment",
    namespaced: true,
    shortNames: ["deploy"],
    categories: ["all"],
    hasStatus: true,
    hasScale: true,
    printerColumns: [
      nameCol,
      col("Ready", "deploymentReady", 0, "string", "Number of the pod with ready state."),
      col(
        "Up-to-date",
        "deploymentUpToDate",
        0,
        "string",
        "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
      ),
      col(
        "Available",
        "deploymentAvailable",
        0,
        "string",
        "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
      ),
      ageCol,
      col("Containers", "templateContainers", 1, "string", "Names of each container in the template."),
      col("Images", "templateImages", 1, "string", "Images referenced by each container in the template."),
      col("Selector", "workloadSelector", 1, "string", "Label selector for pods."),
    ],
    mergeKeys: { ...podSpecMergeKeys("spec.template.spec"), "status.conditions": "type" },
  }),
  row({
    group: "apps",
    versions: ["v1"],
    resource: "replicasets",
    singularName: "replicaset",
    kind: "ReplicaSet",
    namespaced: true,
    shortNames: ["rs"],
    categories: ["all"],
    hasStatus: true,
    hasScale: true,
    printerColumns: [
      nameCol,
      col("Desired", "replicaSetDesired", 0, "integer", "Number of desired pods."),
      col("Current", "replicaSetCurrent", 0, "integer", "Number of actual pods."),
      col("Ready", "replicaSetReady", 0, "integer", "Number of ready pods."),
      ageCol,
      col("Containers", "templateContainers", 1, "string", "Names of each container in the template."),
      col("Images", "templateImages", 1, "string", "Images referenced by each container in the template."),
      col("Selector", "workloadSelector", 1, "string", "Label selector for pods."),
    ],
    mergeKeys: { ...podSpecMergeKeys("spec.template.spec"), "status.conditions": "type" },
  }),
  istioRow(
    "networking.istio.io",
    ISTIO_NET_VERSIONS,
    "virtualservices",
    "VirtualService",
    ["vs"],
    ISTIO_NET_CATEGORIES,
    [
      crdCol("Gateways", ".spec.gateways", "The names of gateways and sidecars that should apply these routes"),
      crdCol("Hosts", ".spec.hosts", "The destination hosts to which traffic is being sent"),
    ],
  ),
  istioRow(
    "networking.istio.io",
    ISTIO_NET_VERSIONS,
    "destinationrules",
    "DestinationRule",
    ["dr"],
    ISTIO_NET_CATEGORIES,
    [crdCol("Host", ".spec.host", "The name of a service from the service registry")],
  ),
  istioRow("networking.istio.io", ISTIO_NET_VERSIONS, "gateways", "Gateway", ["gw"], ISTIO_NET_CATEGORIES, []),
  istioRow("networking.istio.io", ISTIO_NET_VERSIONS, "serviceentries", "ServiceEntry", ["se"], ISTIO_NET_CATEGORIES, [
    crdCol("Hosts", ".spec.hosts", "The hosts associated with the ServiceEntry"),
    crdCol(
      "Location",
      ".spec.location",
      "Whether the service is external to the mesh or part of the mesh (MESH_EXTERNAL or MESH_INTERNAL)",
    ),
    crdCol("Resolution", ".spec.resolution", "Service resolution mode for the hosts (NONE, STATIC, or DNS)"),
  ]),
  istioRow("networking.istio.io", ISTIO_NET_VERSIONS, "sidecars", "Sidecar", [], ISTIO_NET_CATEGORIES, []),
  istioRow(
    "networking.istio.io",
    ISTIO_NET_VERSIONS,
    "workloadentries",
    "WorkloadEntry",
    ["we"],
    ISTIO_NET_CATEGORIES,
    [crdCol("Address", ".spec.address", "Address associated with the network endpoint.")],
  ),
  istioRow(
    "networking.istio.io",
    ISTIO_NET_VERSIONS,
    "workloadgroups",
    "WorkloadGroup",
    ["wg"],
    ISTIO_NET_CATEGORIES,
    [],
  ),
  istioRow(
    "security.istio.io",
    ["v1", "v1beta1"],
    "peerauthentications",
    "PeerAuthentication",
    ["pa"],
    ISTIO_SEC_CATEGORIES,
    [crdCol("Mode", ".spec.mtls.mode", "Defines the mTLS mode used for peer authentication.")],
  ),
  istioRow(
    "security.istio.io",
    ["v1", "v1beta1"],
    "authorizationpolicies",
    "AuthorizationPolicy",
    ["ap"],
    ISTIO_SEC_CATEGORIES,
    [crdCol("Action", ".spec.action", "The operation to take.")],
  ),
  istioRow(
    "security.istio.io",
    ["v1", "v1beta1"],
    "requestauthentications",
    "RequestAuthentication",
    ["ra"],
    ISTIO_SEC_CATEGORIES,
    [],
  ),
  row({
    group: "policy",
    versions: ["v1"],
    resource: "poddisruptionbudgets",
    singularName: "poddisruptionbudget",
    kind: "PodDisruptionBudget",
    namespaced: true,
    shortNames: ["pdb"],
    hasStatus: true,
    printerColumns: [
      nameCol,
      col("Min Available", "pdbMinAvailable", 0, "string", "The minimum number of pods that must be available."),
      col("Max Unavailable", "pdbMaxUnavailable", 0, "string", "The maximum number of pods that may be unavailable."),
      col(
        "Allowed Disruptions",
        "pdbAllowedDisruptions",
        0,
        "integer",
        "Calculated number of pods that may be disrupted at this time.",
      ),
      ageCol,
    ],
  }),
  row({
    group: "apiextensions.k8s.io",
    versions: ["v1"],
    resource: "customresourcedefinitions",
    singularName: "customresourcedefinition",
    kind: "CustomResourceDefinition",
    namespaced: false,
    shortNames: ["crd", "crds"],
    categories: ["api-extensions"],
    hasStatus: true,
    printerColumns: [nameCol, createdAtCol],
  }),
  row({
    group: "coordination.k8s.io",
    versions: ["v1"],
    resource: "leases",
    singularName: "lease",
    kind: "Lease",
    namespaced: true,
    printerColumns: [nameCol, col("Holder", "leaseHolder", 0, "string", "The holder of the lease"), ageCol],
  }),
  row({
    group: "admissionregistration.k8s.io",
    versions: ["v1"],
    resource: "mutatingwebhookconfigurations",
    singularName: "mutatingwebhookconfiguration",
    kind: "MutatingWebhookConfiguration",
    namespaced: false,
    categories: ["api-extensions"],
    printerColumns: [
      nameCol,
      col("Webhooks", "webhookCount", 0, "integer", "Webhooks indicates the number of webhooks in this configuration."),
      ageCol,
    ],
    mergeKeys: { webhooks: "name" },
  }),
  row({
    group: "rbac.authorization.k8s.io",
    versions: ["v1"],
    resource: "roles",
    singularName: "role",
    kind: "Role",
    namespaced: true,
    printerColumns: [nameCol, createdAtCol],
  }),
  row({
    group: "rbac.authorization.k8s.io",
    versions: ["v1"],
    resource: "clusterroles",
    singularName: "clusterrole",
    kind: "ClusterRole",
    namespaced: false,
    printerColumns: [nameCol, createdAtCol],
  }),
  row({
    group: "rbac.authorization.k8s.io",
    versions: ["v1"],
    resource: "rolebindings",
    singularName: "rolebinding",
    kind: "RoleBinding",
    namespaced: true,
    printerColumns: bindingCols,
  }),
  row({
    group: "rbac.authorization.k8s.io",
    versions: ["v1"],
    resource: "clusterrolebindings",
    singularName: "clusterrolebinding",
    kind: "ClusterRoleBinding",
    namespaced: false,
    printerColumns: bindingCols,
  }),
  row({
    group: "authorization.k8s.io",
    versions: ["v1"],
    resource: "selfsubjectaccessreviews",
    singularName: "selfsubjectaccessreview",
    kind: "SelfSubjectAccessReview",
    namespaced: false,
    verbs: ["create"],
    printerColumns: [nameCol],
  }),
  row({
    group: "authorization.k8s.io",
    versions: ["v1"],
    resource: "selfsubjectrulesreviews",
    singularName: "selfsubjectrulesreview",
    kind: "SelfSubjectRulesReview",
    namespaced: false,
    verbs: ["create"],
    printerColumns: [nameCol],
  }),
  row({
    group: "authentication.k8s.io",
    versions: ["v1", "v1beta1"],
    resource: "selfsubjectreviews",
    singularName: "selfsubjectreview",
    kind: "SelfSubjectReview",
    namespaced: false,
    verbs: ["create"],
    printerColumns: [nameCol],
  }),
];

const byGroupResource = new Map<string, ResourceDef>(RESOURCES.map((r) => [`${r.group}/${r.resource}`, r]));

/** Splits an apiVersion: `v1` → core, `apps/v1` → apps. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash < 0
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function findResource(group: string, resource: string): ResourceDef | undefined {
  return byGroupResource.get(`${group}/${resource}`);
}

/** The served resource for an object's apiVersion and kind, or undefined when this version or kind is not served. */
export function findResourceByKind(apiVersion: string, kind: string): ResourceDef | undefined {
  const { group, version } = parseApiVersion(apiVersion);
  return RESOURCES.find((r) => r.group === group && r.kind === kind && r.versions.includes(version));
}

/** Resolves what a user may type (plural, singular, short name, kind) within an optional group. */
export function findResourceByAlias(alias: string, group?: string): ResourceDef | undefined {
  const lower = alias.toLowerCase();
  return RESOURCES.find(
    (r) =>
      (group === undefined || r.group === group) &&
      (r.resource === lower ||
        r.singularName === lower ||
        r.kind.toLowerCase() === lower ||
        r.shortNames.includes(lower)),
  );
}

/** `virtualservices.networking.istio.io`, or `pods` for the core group: the form Status messages use. */
export function qualifiedResource(def: Pick<ResourceDef, "group" | "resource">): string {
  return def.group === "" ? def.resource : `${def.resource}.${def.group}`;
}

export function apiVersionOf(def: ResourceDef, version = def.storageVersion): string {
  return def.group === "" ? version : `${def.group}/${version}`;
}
