/**
 * Turns whatever client-node throws into Topsail's typed errors: an API answer becomes a
 * `KubeApiError` carrying the server's own Status message (that is what users can act on),
 * a network failure becomes `kube_unavailable` naming the server.
 */
import "server-only";
import { ApiException } from "@kubernetes/client-node";
import { z } from "zod";
import { KubeApiError, TopsailError } from "@/server/errors";

const statusBody = z.object({
  kind: z.literal("Status"),
  message: z.string().optional(),
  reason: z.string().optional(),
  code: z.number().optional(),
});

function parseStatus(body: unknown): z.infer<typeof statusBody> | undefined {
  const candidate = typeof body === "string" ? safeJson(body) : body;
  const parsed = statusBody.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function networkCause(error: unknown): string {
  let current: unknown = error;
  // fetch wraps the socket error in `cause`; the innermost one names the real problem.
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  if (current instanceof Error) {
    const code = (current as NodeJS.ErrnoException).code;
    return code && !current.message.includes(code) ? `${code}: ${current.message}` : current.message;
  }
  return String(current);
}

/** The abort of KubeConfigWithDeadline's signal (load-kube-config.ts): fetch rejects with it as it is. */
function isDeadline(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

export function toKubeError(error: unknown, context: { server: string; namespace?: string }): TopsailError {
  if (error instanceof TopsailError) return error;
  if (isDeadline(error)) {
    return new TopsailError(
      "kube_unavailable",
      `The Kubernetes API at ${context.server} did not answer in time (TOPSAIL_KUBE_TIMEOUT_MS): it may be overloaded or unreachable; try again, or raise the deadline`,
      { cause: error },
    );
  }
  if (error instanceof ApiException) {
    const status = parseStatus(error.body);
    return new KubeApiError({
      status: error.code,
      reason: status?.reason ?? "Unknown",
      message: status?.message ?? `The Kubernetes API answered HTTP ${error.code}`,
      namespace: context.namespace,
      cause: error,
    });
  }
  return new TopsailError(
    "kube_unavailable",
    `Cannot reach the Kubernetes API at ${context.server} (${networkCause(error)})`,
    { cause: error },
  );
}
