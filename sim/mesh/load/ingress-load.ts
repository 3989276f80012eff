/**
 * Users of Bookinfo: Poisson arrivals from outside the cluster at the ingress gateway,
 * `GET /productpage`, a share of them logged in as jason. The gateway routes them with
 * the VirtualServices bound to the Gateways that select it and listen on its port.
 */
import { gatewaysAccepting } from "@/lib/istio/routing/gateway-servers";
import type { ConfigSnapshot, PodInfo } from "@/lib/istio/routing/snapshot";
import type { EntryPointLoad } from "./load-settings";
import { PoissonLoad } from "./poisson-source";

/** The gateway's HTTP container port (Service port 80 → targetPort 8080). */
export const INGRESS_PORT = 8080;
/** The gateway's HTTPS container port (Service port 443 → targetPort 8443). */
export const INGRESS_TLS_PORT = 8443;
/** What `curl http://$GATEWAY_URL/productpage` sends as Host when GATEWAY_URL is an address. */
export const INGRESS_HOST = "localhost";

export function ingressGatewayPod(snapshot: ConfigSnapshot): PodInfo | undefined {
  return snapshot.pods.find((p) => p.isGateway && p.ready && p.labels.istio === "ingressgateway");
}

export class IngressLoad extends PoissonLoad {
  protected arrive(load: EntryPointLoad): void {
    const { ctx } = this.g;
    const snapshot = ctx.snapshot();
    const pod = ingressGatewayPod(snapshot);
    if (!pod) return;
    const jason = ctx.rng.next() < (load.jasonShare ?? 0);
    const headers: Record<string, string> = { "user-agent": "Mozilla/5.0" };
    if (jason) headers["end-user"] = "jason";
    const gateways = gatewaysAccepting(snapshot, pod, INGRESS_PORT, INGRESS_HOST);
    ctx.sendHttp(
      { pod, gateways },
      // curl's Host for `http://$GATEWAY_URL/productpage` on port 80: no port.
      { host: INGRESS_HOST, authority: INGRESS_HOST, port: INGRESS_PORT, method: "GET", path: "/productpage", headers },
      () => undefined,
    );
  }
}
