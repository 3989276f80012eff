import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";

/**
 * Bookinfo VirtualServices written straight to the e2e simulator with its admin kubeconfig (the
 * simulator's webServer in playwright.config.ts writes it), as kubectl would: a spec sets up
 * the routing it needs whatever earlier specs left, and deletes it at the end.
 */
const vsRef = (name: string) => ({
  group: "networking.istio.io",
  version: "v1",
  namespace: "bookinfo",
  plural: "virtualservices",
  name,
});

function kube(): CustomObjectsApi {
  const config = new KubeConfig();
  config.loadFromFile(".topsail/e2e/kubeconfig");
  return config.makeApiClient(CustomObjectsApi);
}

/** The parts of a live VirtualService the specs read back. */
export interface LiveVirtualService {
  spec: {
    hosts?: string[];
    http?: {
      match?: unknown;
      route?: { destination: { host?: string; subset?: string }; weight?: number }[];
      fault?: unknown;
    }[];
  };
}

/** The VirtualService `name` as the cluster holds it now, or undefined when there is none. */
export async function readVirtualService(name: string): Promise<LiveVirtualService | undefined> {
  try {
    return (await kube().getNamespacedCustomObject(vsRef(name))) as LiveVirtualService;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  }
}

/** Earlier specs share the simulator: removes the VirtualService `name` whatever they left, if there is one. */
export async function deleteVirtualService(name: string): Promise<void> {
  try {
    await kube().deleteNamespacedCustomObject(vsRef(name));
  } catch (error) {
    if ((error as { code?: number }).code !== 404) throw error;
  }
}

/** Replaces the VirtualService `name` (for the host `name`) with these HTTP rules. */
export async function putVirtualService(name: string, http: unknown[]): Promise<void> {
  await deleteVirtualService(name);
  await kube().createNamespacedCustomObject({
    ...vsRef(name),
    body: {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name, namespace: "bookinfo" },
      spec: { hosts: [name], http },
    },
  });
}

export const routeTo = (host: string, subset: string, weight?: number) => ({
  destination: { host, subset },
  ...(weight !== undefined ? { weight } : {}),
});

/** The Bookinfo guides' match for the user jason. */
export const jasonMatch = [{ headers: { "end-user": { exact: "jason" } } }];
