/** Dispatches one request: through the caller's proxy when it has one, else straight to a pod. */
import type { HttpRequest } from "@/lib/istio/routing/types";
import type { Caller, Cancellable, EngineContext, HttpResponse } from "./context";
import { startDirectExchange } from "./direct-exchange";
import { startProxyExchange } from "./proxy-exchange";

/** Headers, method and path of a typical GET; the body is empty. */
const REQUEST_BYTES = { median: 700, sigma: 0.08 };

export function sendHttp(
  ctx: EngineContext,
  caller: Caller,
  request: HttpRequest,
  done: (response: HttpResponse) => void,
): Cancellable {
  let inner: Cancellable | undefined;
  let cancelled = false;
  const requestBytes = Math.round(ctx.rng.logNormal(REQUEST_BYTES.median, REQUEST_BYTES.sigma));
  // Start in an event of its own: callers never see their callback run before this returns.
  ctx.scheduler.after(0, () => {
    if (cancelled) return;
    const pod = caller.pod;
    if (pod && pod.isGateway) inner = startProxyExchange(ctx, pod, caller.gateways ?? [], request, requestBytes, done);
    else if (pod && pod.hasSidecar) inner = startProxyExchange(ctx, pod, ["mesh"], request, requestBytes, done);
    else inner = startDirectExchange(ctx, pod, request, requestBytes, done);
  });
  return {
    cancel() {
      cancelled = true;
      inner?.cancel();
    },
  };
}
