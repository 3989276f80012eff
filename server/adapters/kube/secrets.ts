/**
 * One Secret (`GET /api/v1/namespaces/{ns}/secrets/{name}`), read through the connection it
 * is given — the viewer's (server/auth/viewer-connection.ts), so the API server checks the
 * person's own `get secrets`. Secrets are deliberately not in the cluster cache: the console
 * keeps no copy of them, and reads one only when a page asks about it.
 *
 * The decoded bytes are returned to server code only; callers derive facts from them (a
 * certificate's subject, names, dates) and must never put them in a response.
 */
import "server-only";
import { CoreV1Api } from "@kubernetes/client-node";
import { KubeApiError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";

export interface SecretContent {
  namespace: string;
  name: string;
  /** Each key of `data`, base64-decoded. */
  data: ReadonlyMap<string, Buffer>;
}

/** The Secret, or undefined when it does not exist; a 403 names the permission that is missing. */
export async function readSecret(
  connection: KubeConnection,
  namespace: string,
  name: string,
): Promise<SecretContent | undefined> {
  try {
    const secret = await connection.kubeConfig.makeApiClient(CoreV1Api).readNamespacedSecret({ namespace, name });
    const data = new Map(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, "base64")]));
    return { namespace, name, data };
  } catch (error) {
    const typed = toKubeError(error, { server: connection.server, namespace });
    if (typed instanceof KubeApiError && typed.status === 404) return undefined;
    if (typed instanceof KubeApiError && typed.status === 403) {
      throw new KubeApiError({
        status: 403,
        reason: typed.reason,
        message: `You may not read Secret ${name} in namespace ${namespace}: that needs the permission \`get\` on \`secrets\` in namespace ${namespace} (the API server said: ${typed.message})`,
        namespace,
        cause: error,
      });
    }
    throw typed;
  }
}
