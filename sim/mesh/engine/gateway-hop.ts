/**
 * A request whose upstream pod is a gateway (the mesh → istio-egressgateway hop of Istio's
 * "Egress Gateways" task): the gateway's Envoy is not an application, it routes the request
 * on with the VirtualServices bound to the Gateways that select it, as the ingress gateway
 * routes what comes from outside (load/ingress-load.ts). It reports as `source` for the next
 * hop and, like every gateway, reports nothing as a destination: the caller's sidecar names it
 * as the destination workload of the first hop.
 */
import type { PodInfo } from "../config/snapshot";
import { gatewaysAccepting } from "../load/ingress-load";
import type { HttpRequest } from "../router/types";
import type { Cancellable, EngineContext, HttpResponse } from "./context";

/**
 * Gateway servers may name the Service port (80, as the task's Gateway does) or the pod's
 * port (8080, as the Bookinfo gateway does here); the request carries the port the accepting
 * server declared, which is what a VirtualService's `match.port` compares with.
 */
export function forwardThroughGateway(
  ctx: EngineContext,
  gateway: PodInfo,
  request: HttpRequest,
  ports: { servicePort: number; targetPort: number },
  done: (response: HttpResponse) => void,
): Cancellable | undefined {
  const snapshot = ctx.snapshot();
  let port = ports.servicePort;
  let gateways = gatewaysAccepting(snapshot, gateway, port, request.host);
  if (gateways.length === 0) {
    port = ports.targetPort;
    gateways = gatewaysAccepting(snapshot, gateway, port, request.host);
  }
  if (gateways.length === 0) return undefined;
  return ctx.sendHttp({ pod: gateway, gateways }, { ...request, port }, done);
}
