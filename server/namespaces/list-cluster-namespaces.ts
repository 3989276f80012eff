/** server/namespaces: the namespaces a user can choose from in the top bar — only those they may see. */
import "server-only";
import type { NamespaceList } from "@/lib/contracts/namespaces";
import { getKubeConnection, listNamespaces } from "@/server/adapters/kube";
import { viewerVisibility } from "@/server/auth/namespace-visibility";

export async function listClusterNamespaces(): Promise<NamespaceList> {
  const namespaces = await listNamespaces(getKubeConnection());
  return { namespaces: await viewerVisibility().filter(namespaces, (n) => n.name) };
}
