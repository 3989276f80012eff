/** server/namespaces: the namespaces a user can choose from in the top bar. */
import "server-only";
import type { NamespaceList } from "@/lib/contracts/namespaces";
import { getKubeConnection, listNamespaces } from "@/server/adapters/kube";

export async function listClusterNamespaces(): Promise<NamespaceList> {
  return { namespaces: await listNamespaces(getKubeConnection()) };
}
