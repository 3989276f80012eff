/**
 * "May this connection do that?" — a SelfSubjectAccessReview (`kubectl auth can-i`) made with
 * the connection's own identity, so the answer is the API server's RBAC for that person.
 */
import "server-only";
import { AuthorizationV1Api } from "@kubernetes/client-node";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";

export interface ResourceAttributes {
  verb: string;
  /** The API group, "" for the core group. */
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

export async function reviewAccess(connection: KubeConnection, attributes: ResourceAttributes): Promise<boolean> {
  try {
    const review = await connection.kubeConfig.makeApiClient(AuthorizationV1Api).createSelfSubjectAccessReview({
      body: {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes: attributes },
      },
    });
    return review.status?.allowed === true;
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace: attributes.namespace });
  }
}
