/**
 * A container's log (`GET /api/v1/namespaces/{ns}/pods/{pod}/log`), read through the
 * connection it is given — the viewer's (server/auth/viewer-connection.ts), so the API
 * server checks the person's own `get pods/log` — never from the cache. Always with
 * `timestamps=true`: each line then starts with the kubelet's RFC3339Nano time, which is
 * what the logs of several containers are merged by.
 *
 * client-node's `Log` class is not used: it keeps the API server's Status message only for
 * a 500, and the 400s of this endpoint are the messages a user acts on ("container x is not
 * valid for pod …", "… is waiting to start: ContainerCreating"). This makes the same request
 * (the kubeconfig authenticates it, its dispatcher carries TLS and impersonation) and reads
 * every Status.
 */
import "server-only";
import { HttpMethod, RequestContext } from "@kubernetes/client-node";
import { fetch } from "undici";
import { z } from "zod";
import { KubeApiError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";

export interface PodLogRequest {
  namespace: string;
  pod: string;
  container: string;
  /** The last lines only (`tailLines`). */
  tailLines?: number;
  /** Lines written in the last seconds only (`sinceSeconds`, ≥ 1). */
  sinceSeconds?: number;
}

const statusBody = z.object({ message: z.string().optional(), reason: z.string().optional() });

function logUrl(connection: KubeConnection, request: PodLogRequest, follow: boolean): string {
  const cluster = connection.kubeConfig.getCurrentCluster();
  const url = new URL(
    `${cluster?.server ?? connection.server}/api/v1/namespaces/${encodeURIComponent(request.namespace)}/pods/${encodeURIComponent(request.pod)}/log`,
  );
  url.searchParams.set("container", request.container);
  url.searchParams.set("timestamps", "true");
  if (follow) url.searchParams.set("follow", "true");
  if (request.tailLines !== undefined) url.searchParams.set("tailLines", String(request.tailLines));
  if (request.sinceSeconds !== undefined)
    url.searchParams.set("sinceSeconds", String(Math.max(1, request.sinceSeconds)));
  return url.toString();
}

/** The API server's refusal as a typed error; a 403 says which permission is missing. */
async function refusal(response: Awaited<ReturnType<typeof fetch>>, request: PodLogRequest): Promise<KubeApiError> {
  const text = await response.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const status = statusBody.safeParse(body);
  const said = (status.success ? status.data.message : undefined) ?? (text.trim() || `HTTP ${response.status}`);
  const where = `pod ${request.pod} in namespace ${request.namespace}`;
  const message =
    response.status === 403
      ? `You may not read the logs of ${where}: that needs the permission \`get\` on \`pods/log\` in namespace ${request.namespace} (the API server said: ${said})`
      : response.status === 404
        ? `Pod ${request.pod} is gone from namespace ${request.namespace} (the API server said: ${said})`
        : said;
  return new KubeApiError({
    status: response.status,
    reason: (status.success ? status.data.reason : undefined) ?? "Unknown",
    message,
    namespace: request.namespace,
  });
}

async function openLog(
  connection: KubeConnection,
  request: PodLogRequest,
  follow: boolean,
  signal: AbortSignal | undefined,
) {
  const url = logUrl(connection, request, follow);
  const context = new RequestContext(url, HttpMethod.GET);
  // A follow stream stays open as long as the browser listens: its signal is set before the
  // kubeconfig authenticates the request, so KubeConfigWithDeadline adds no deadline to it.
  if (follow && signal) context.setSignal(signal);
  try {
    await connection.kubeConfig.applySecurityAuthentication(context);
    const deadline = context.getSignal();
    const combined = !follow && signal && deadline ? AbortSignal.any([signal, deadline]) : (deadline ?? signal);
    const response = await fetch(url, {
      method: "GET",
      headers: context.getHeaders(),
      dispatcher: context.getDispatcher(),
      signal: combined,
    });
    if (response.status !== 200) throw await refusal(response, request);
    return response;
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace: request.namespace });
  }
}

/** The container's log as text, each line prefixed with its RFC3339Nano time and a space. */
export async function readPodLog(
  connection: KubeConnection,
  request: PodLogRequest,
  signal?: AbortSignal,
): Promise<string> {
  const response = await openLog(connection, request, false, signal);
  try {
    return await response.text();
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace: request.namespace });
  }
}

/**
 * The container's log as it is written (`follow=true`), as raw bytes: the stream ends when
 * the container exits or `signal` aborts (the browser went away), which closes the request
 * to the API server too.
 */
export async function followPodLog(
  connection: KubeConnection,
  request: PodLogRequest,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const response = await openLog(connection, request, true, signal);
  if (!response.body) {
    throw new KubeApiError({ status: 502, reason: "NoBody", message: "The Kubernetes API sent no log stream" });
  }
  return response.body as ReadableStream<Uint8Array>;
}
