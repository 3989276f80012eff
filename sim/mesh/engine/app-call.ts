/**
 * An application's outgoing call as its code makes it: dial the name through DNS, wait
 * at most its own timeout per try, try again up to its number of tries when the answer is
 * not a success. Giving up closes the connection, which the proxies see as DC. A call to a
 * port Istio treats as gRPC (its name or appProtocol) is made as a gRPC call, and succeeds
 * only with grpc-status 0.
 */
import type { CallSpec } from "../behaviour/types";
import { resolveDnsName } from "@/lib/istio/routing/hosts";
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import type { EngineContext } from "./context";
import { GRPC_CONTENT_TYPE } from "./grpc";

export function appCall(
  ctx: EngineContext,
  caller: PodInfo,
  call: CallSpec,
  headers: Record<string, string>,
  done: (ok: boolean, status: number) => void,
): void {
  const host = resolveDnsName(call.service, caller.namespace);
  const ports = ctx.snapshot().services.get(host)?.ports ?? [];
  const port = call.port ?? ports[0]?.port ?? 80;
  const grpc = ports.find((p) => p.port === port)?.protocol === "grpc";
  // The Host header as the app's HTTP client writes it: the name it dialed, the port unless 80.
  const authority = port === 80 ? call.service : `${call.service}:${port}`;
  const request = grpc
    ? {
        host,
        authority,
        port,
        method: "POST",
        path: call.path,
        headers: { ...headers, "content-type": GRPC_CONTENT_TYPE },
      }
    : { host, authority, port, method: call.method ?? "GET", path: call.path, headers };
  let tries = 0;

  const settle = (status: number, grpcStatus?: number): void => {
    const ok = status >= 200 && status < 400 && (grpcStatus === undefined || grpcStatus === 0);
    if (!ok && tries < call.tries) attempt();
    else done(ok, status);
  };

  const attempt = (): void => {
    tries++;
    let settled = false;
    let timer: { cancel(): void } | undefined;
    const handle = ctx.sendHttp({ pod: caller }, request, (response) => {
      if (settled) return;
      settled = true;
      timer?.cancel();
      settle(response.status, response.grpcStatus);
    });
    if (call.timeoutMs !== undefined) {
      timer = ctx.scheduler.after(call.timeoutMs, () => {
        if (settled) return;
        settled = true;
        handle.cancel();
        settle(0);
      });
    }
  };
  attempt();
}
