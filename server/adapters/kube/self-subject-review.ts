/**
 * "Who is this token to the cluster?" — a SelfSubjectReview (`kubectl auth whoami`) made with
 * a user's bearer token against the console's own cluster (its server, CA and TLS settings;
 * none of the kubeconfig's credentials). The token sign-in and OpenID's ID-token mode use it
 * so the name and groups the console shows are exactly the ones the API server will check.
 */
import "server-only";
import { AuthenticationV1Api } from "@kubernetes/client-node";
import { z } from "zod";
import { KubeApiError, TopsailError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";
import { KubeConfigWithDeadline } from "./load-kube-config";

const reviewAnswer = z.object({
  status: z.object({
    userInfo: z.object({ username: z.string().min(1), groups: z.array(z.string()).optional() }),
  }),
});

export interface ReviewedUser {
  name: string;
  groups: string[];
}

/** The console's cluster with `token` as the only credential. */
function kubeConfigWithToken(connection: KubeConnection, token: string, deadlineMs: number): KubeConfigWithDeadline {
  const cluster = connection.kubeConfig.getCurrentCluster();
  if (!cluster) throw new TopsailError("kube_unavailable", "The kubeconfig has no current cluster");
  const kubeConfig = new KubeConfigWithDeadline(deadlineMs);
  kubeConfig.loadFromClusterAndUser(cluster, { name: "topsail-viewer", token });
  return kubeConfig;
}

/**
 * The user `token` authenticates as. A token the API server does not accept answers
 * `unauthenticated` (401) — never the server's raw text, which may echo part of the token.
 */
export async function reviewToken(
  connection: KubeConnection,
  token: string,
  deadlineMs: number,
): Promise<ReviewedUser> {
  const api = kubeConfigWithToken(connection, token, deadlineMs).makeApiClient(AuthenticationV1Api);
  let answer: unknown;
  try {
    answer = await api.createSelfSubjectReview({
      body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
    });
  } catch (error) {
    const typed = toKubeError(error, { server: connection.server });
    if (typed instanceof KubeApiError && typed.status === 401) {
      throw new TopsailError(
        "unauthenticated",
        `The Kubernetes API at ${connection.server} does not accept this token: check that it is a current token for this cluster`,
      );
    }
    throw typed;
  }
  const parsed = reviewAnswer.safeParse(answer);
  if (!parsed.success) {
    throw new TopsailError("kube_api", "The Kubernetes API answered the SelfSubjectReview without a user name");
  }
  return { name: parsed.data.status.userInfo.username, groups: parsed.data.status.userInfo.groups ?? [] };
}
