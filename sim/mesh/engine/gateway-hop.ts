/**
 * A request whose upstream pod is a gateway (the mesh → istio-egressgateway hop of Istio's
 * "Egress Gateways" task): the gateway's Envoy is not an application, it routes the request
 * on with the VirtualServices bound to the Gateways that select it, as the ingress gateway
 * routes what comes from outside (load/ingress-load.ts). It reports as `source` for the next
 * hop and, like every gateway, reports nothing as a destination: the caller's sidecar names it
 * as the destination workload of the first hop.
 */
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import { serverAccepts, serversOn } from "@/lib/istio/routing/gateway-servers";
import type { HttpRequest } from "@/lib/istio/routing/types";
import type { Cancellable, EngineContext, HttpResponse } from "./context";

/**
 * The gateway listens on its container port (the Service port's targetPort); the servers
 * there may name either port (lib/istio/routing/gateway-servers.ts). The request carries the port the
 * accepting server declared, which is what a VirtualService's `match.port` compares with.
 */
export function forwardThroughGateway(
  ctx: EngineContext,
  gateway: PodInfo,
  request: HttpRequest,
  ports: { servicePort: number; targetPort: number },
  done: (response: HttpResponse) => void,
): Cancellable | undefined {
  const served = serversOn(ctx.snapshot(), gateway, ports.targetPort).filter(({ server }) =>
    serverAccepts(server, request.host),
  );
  const first = served[0];
  if (!first) return undefined;
  const gateways = [...new Set(served.map((s) => s.gateway))];
  const port = first.server.port?.number ?? ports.targetPort;
  return ctx.sendHttp({ pod: gateway, gateways }, { ...request, port }, done);
}
