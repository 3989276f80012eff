/**
 * Watching one kind across all namespaces, for the kinds the cluster cache keeps
 * (cluster-cache.ts): every Istio kind of lib/istio/kinds.ts and the core kinds below.
 *
 * A watch is a client-node informer (`makeInformer`): it lists, then watches from the list's
 * resourceVersion, and on 410 Gone lists again, reporting what changed meanwhile as
 * add/update/delete. When it stops on any other error it is started again after `retryMs`
 * (from its last resourceVersion, or with a new list if the list failed). Objects leave as
 * plain JSON records with their kind, namespace, name and resourceVersion; client-node's
 * classes stop here.
 */
import "server-only";
import {
  AdmissionregistrationV1Api,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  makeInformer,
  type KubernetesListObject,
  type KubernetesObject,
} from "@kubernetes/client-node";
import { z } from "zod";
import { findIstioKind } from "@/lib/istio/kinds";
import { TopsailError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";

export interface ObservedObject {
  kind: string;
  /** Undefined for cluster-scoped objects (a Namespace). */
  namespace: string | undefined;
  name: string;
  resourceVersion: string;
  object: Record<string, unknown>;
}

export interface ObjectEvent {
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: ObservedObject;
  /** The object came with the watch's first list (it existed when the watch started), not with a change. */
  inFirstList: boolean;
}

export interface ObjectWatch {
  /** Resolves once the first list has been delivered and the watch is open. */
  listed: Promise<void>;
  stop(): Promise<void>;
}

interface KindAccess {
  path: string;
  list(connection: KubeConnection): Promise<unknown>;
}

/** The mesh's root namespace: istiod reads its `istio` ConfigMap (mesh settings) from there. */
export const MESH_ROOT_NAMESPACE = "istio-system";

/**
 * The built-in kinds Topsail reads and writes, as rows: Namespaces and Deployments (sidecar
 * injection), Pods and Services (the registry), and the ConfigMaps of the mesh's root
 * namespace only (the mesh settings; every ConfigMap of a cluster would be a lot to hold), and the
 * MutatingWebhookConfigurations (the Mesh page's sidecar injector).
 */
const builtIn: Record<string, KindAccess> = {
  Namespace: {
    path: "/api/v1/namespaces",
    list: (c) => c.kubeConfig.makeApiClient(CoreV1Api).listNamespace(),
  },
  Deployment: {
    path: "/apis/apps/v1/deployments",
    list: (c) => c.kubeConfig.makeApiClient(AppsV1Api).listDeploymentForAllNamespaces(),
  },
  Pod: {
    path: "/api/v1/pods",
    list: (c) => c.kubeConfig.makeApiClient(CoreV1Api).listPodForAllNamespaces(),
  },
  Service: {
    path: "/api/v1/services",
    list: (c) => c.kubeConfig.makeApiClient(CoreV1Api).listServiceForAllNamespaces(),
  },
  ConfigMap: {
    path: `/api/v1/namespaces/${MESH_ROOT_NAMESPACE}/configmaps`,
    list: (c) => c.kubeConfig.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: MESH_ROOT_NAMESPACE }),
  },
  MutatingWebhookConfiguration: {
    path: "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations",
    list: (c) => c.kubeConfig.makeApiClient(AdmissionregistrationV1Api).listMutatingWebhookConfiguration(),
  },
};

function accessFor(kind: string): KindAccess {
  const row = builtIn[kind];
  if (row) return row;
  const info = findIstioKind(kind);
  if (!info)
    throw new TopsailError(
      "bad_request",
      `Topsail cannot watch objects of kind "${kind}"; it watches the Istio kinds and ${Object.keys(builtIn).join(", ")}.`,
    );
  return {
    path: `/apis/${info.group}/${info.version}/${info.plural}`,
    list: (c) =>
      c.kubeConfig
        .makeApiClient(CustomObjectsApi)
        .listCustomObjectForAllNamespaces({ group: info.group, version: info.version, resourcePlural: info.plural }),
  };
}

const kubeObject = z
  .object({
    metadata: z
      .object({ name: z.string(), namespace: z.string().optional(), resourceVersion: z.string().optional() })
      .passthrough(),
  })
  .passthrough();
const kubeList = z
  .object({
    items: z.array(kubeObject),
    metadata: z.object({ resourceVersion: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

/** Typed client-node objects (Dates and all) and raw watch JSON both become plain JSON. */
function toObserved(kind: string, raw: unknown): ObservedObject | undefined {
  const parsed = kubeObject.safeParse(JSON.parse(JSON.stringify(raw ?? null)));
  if (!parsed.success) return undefined;
  const { metadata } = parsed.data;
  return {
    kind,
    namespace: metadata.namespace,
    name: metadata.name,
    resourceVersion: metadata.resourceVersion ?? "",
    object: { ...parsed.data, kind },
  };
}

const versionKey = (o: { namespace: string | undefined; name: string; resourceVersion: string }) =>
  `${o.namespace ?? ""}/${o.name}@${o.resourceVersion}`;

export function watchObjects(
  connection: KubeConnection,
  kind: string,
  handlers: { onEvent(event: ObjectEvent): void; onError(error: TopsailError): void },
  options: { retryMs: number; maxRetryMs?: number },
): ObjectWatch {
  const access = accessFor(kind);
  // Which versions the first list delivered; their "add"s are not creations.
  const firstList = new Set<string>();
  let listedOnce = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let markListed: () => void = () => {};
  const listed = new Promise<void>((resolve) => (markListed = resolve));

  const informer = makeInformer<KubernetesObject>(connection.kubeConfig, access.path, async () => {
    const parsed = kubeList.safeParse(JSON.parse(JSON.stringify(await access.list(connection))));
    if (!parsed.success)
      throw new TopsailError(
        "kube_api",
        `The Kubernetes API at ${connection.server} answered the list of ${kind} objects with something that is not a list`,
      );
    if (!listedOnce)
      for (const item of parsed.data.items)
        firstList.add(
          versionKey({
            namespace: item.metadata.namespace,
            name: item.metadata.name,
            resourceVersion: item.metadata.resourceVersion ?? "",
          }),
        );
    listedOnce = true;
    return parsed.data as KubernetesListObject<KubernetesObject>;
  });

  const deliver = (type: ObjectEvent["type"]) => (raw: KubernetesObject) => {
    const object = toObserved(kind, raw);
    if (object)
      handlers.onEvent({ type, object, inFirstList: type === "ADDED" && firstList.delete(versionKey(object)) });
  };
  informer.on("add", deliver("ADDED"));
  informer.on("update", deliver("MODIFIED"));
  informer.on("delete", deliver("DELETED"));

  // Consecutive failures: the pause before the next start doubles with each, up to
  // `maxRetryMs` (default a minute), so a cluster without one of the CRDs is not asked every
  // `retryMs` forever.
  let failures = 0;
  const begin = async () => {
    if (stopped) return;
    const failuresBefore = failures;
    try {
      await informer.start();
    } catch (error) {
      fail(error);
      return;
    }
    if (failures === failuresBefore) failures = 0;
    if (listedOnce && !stopped) {
      firstList.clear();
      markListed();
    }
  };
  const fail = (error: unknown) => {
    if (stopped) return;
    handlers.onError(toKubeError(error, { server: connection.server }));
    failures += 1;
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () => void begin(),
      Math.min(options.retryMs * 2 ** (failures - 1), options.maxRetryMs ?? 60_000),
    );
    timer.unref();
  };
  informer.on("error", fail);
  void begin();

  return {
    listed,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await informer.stop();
    },
  };
}
