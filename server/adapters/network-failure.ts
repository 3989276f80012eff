/**
 * What went wrong reaching an HTTP backend (Prometheus, the tracing query API), in one
 * phrase for an error message: fetch hides the socket error as `cause`, whose errno code
 * (ECONNREFUSED, ENOTFOUND…) is what an operator can act on.
 */
export function describeNetworkFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
