/**
 * A request from something without a proxy (a pod without a sidecar, or a client outside
 * the cluster): plain kube-proxy behaviour — no VirtualService, no DestinationRule, a
 * round robin over the service's pods. Nobody reports on the client side; the server's
 * sidecar reports the caller as unknown. A STRICT server refuses the plaintext connection.
 */
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import { serverMtlsMode } from "@/lib/istio/routing/mutual-tls";
import { resolveService } from "@/lib/istio/routing/resolve-cluster";
import type { HttpRequest } from "@/lib/istio/routing/types";
import { serviceLabelsOf } from "../telemetry/service-labels";
import { networkDelay, type Cancellable, type EngineContext, type HttpResponse } from "./context";
import { clientAddressOf, EXTERNAL_CLIENT_IP } from "./proxy-addresses";
import { serveHttp } from "./serve-http";

export function startDirectExchange(
  ctx: EngineContext,
  caller: PodInfo | undefined,
  request: HttpRequest,
  requestBytes: number,
  done: (response: HttpResponse) => void,
): Cancellable {
  const { scheduler, rng } = ctx;
  let finished = false;
  let server: Cancellable | undefined;
  const reply = (response: HttpResponse): void => {
    if (finished) return;
    finished = true;
    done(response);
  };
  const service = resolveService(ctx.snapshot(), request.host);
  if (service.kind !== "kubernetes") {
    scheduler.after(rng.logNormal(40, 0.4), () => reply({ status: 200, bytes: 1200 }));
  } else {
    const state = ctx.proxies.cluster(
      caller ? `${caller.namespace}/${caller.name}` : "outside",
      `kube-proxy|${service.host}`,
    );
    const pod = state.pick(service.service.pods, undefined, rng);
    const targetPort = service.service.ports.find((p) => p.port === request.port)?.targetPort ?? request.port;
    if (!pod || (pod.hasSidecar && serverMtlsMode(ctx.snapshot(), pod, targetPort) === "STRICT")) {
      scheduler.after(networkDelay(ctx), () => reply({ status: 0, bytes: 0 }));
    } else {
      // A caller outside the cluster arrives from a node address (proxy-addresses.ts).
      const callerAddress = clientAddressOf(ctx, caller ? caller.ip : EXTERNAL_CLIENT_IP);
      const inbound = {
        request,
        service: serviceLabelsOf(service),
        source: undefined,
        mutualTls: false,
        requestBytes,
        targetPort,
        ...(callerAddress !== undefined ? { callerAddress } : {}),
      };
      scheduler.after(networkDelay(ctx), () => {
        if (finished) return;
        server = serveHttp(ctx, pod, inbound, (response) => scheduler.after(networkDelay(ctx), () => reply(response)));
      });
    }
  }
  return {
    cancel() {
      if (finished) return;
      finished = true;
      server?.cancel();
    },
  };
}
