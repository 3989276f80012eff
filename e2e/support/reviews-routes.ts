import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";

/**
 * The reviews VirtualService in the e2e simulator, read and reset with its admin kubeconfig
 * (the simulator's webServer in playwright.config.ts writes it): the sign-in specs start
 * from "everything to v1" whatever earlier specs left, and check what a wizard wrote.
 */
const ref = {
  group: "networking.istio.io",
  version: "v1",
  namespace: "bookinfo",
  plural: "virtualservices",
  name: "reviews",
};

export interface ReviewsRoutes {
  spec: { http?: { route?: { destination: { subset?: string }; weight?: number }[] }[] };
}

function kube(): CustomObjectsApi {
  const config = new KubeConfig();
  config.loadFromFile(".topsail/e2e/kubeconfig");
  return config.makeApiClient(CustomObjectsApi);
}

export async function readReviewsRoutes(): Promise<ReviewsRoutes | undefined> {
  try {
    return (await kube().getNamespacedCustomObject(ref)) as ReviewsRoutes;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  }
}

/** Subset and weight of each route of the first HTTP rule, e.g. [["v1", 80], ["v2", 20]]. */
export async function reviewsSplit(): Promise<[string | undefined, number | undefined][] | undefined> {
  return (await readReviewsRoutes())?.spec.http?.[0]?.route?.map((r) => [r.destination.subset, r.weight]);
}

export async function deleteReviewsRoutes(): Promise<void> {
  if (await readReviewsRoutes()) await kube().deleteNamespacedCustomObject(ref);
}

/** Someone routed all of reviews to v1 with kubectl: the wizard starts from v1 at 100. */
export async function routeAllReviewsToV1(): Promise<void> {
  await deleteReviewsRoutes();
  await kube().createNamespacedCustomObject({
    ...ref,
    body: {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }] }] },
    },
  });
}

/** `kubectl patch vs reviews -n bookinfo --type merge -p …` routing all of reviews to `subset`, as kubectl sends it. */
export async function patchReviewsTo(subset: string): Promise<void> {
  await kube().patchNamespacedCustomObject(
    { ...ref, body: { spec: { http: [{ route: [{ destination: { host: "reviews", subset } }] }] } } },
    setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
  );
}
