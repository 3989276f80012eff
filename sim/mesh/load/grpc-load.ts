/**
 * The gRPC echo client of the grpc-echo scenario (sim/scenarios/grpc-echo): Poisson calls
 * from the `echo-client` pod to the `echo` service's gRPC port (the port Istio treats as
 * gRPC by its name or appProtocol), `POST /proto.EchoTestService/Echo` with content-type
 * application/grpc — the unary call of Istio's echo test app. Without that pod or port
 * (the default scenario) it sends nothing.
 */
import { resolveDnsName } from "@/lib/istio/routing/hosts";
import { GRPC_CONTENT_TYPE } from "../engine/grpc";
import { PoissonLoad } from "./poisson-source";

const CLIENT_APP = "echo-client";
const SERVICE = "echo";
const METHOD_PATH = "/proto.EchoTestService/Echo";

export class GrpcClientLoad extends PoissonLoad {
  protected arrive(): void {
    const { ctx } = this.g;
    const snapshot = ctx.snapshot();
    const pod = snapshot.pods.find((p) => p.ready && p.labels.app === CLIENT_APP);
    if (!pod) return;
    const host = resolveDnsName(SERVICE, pod.namespace);
    const port = snapshot.services.get(host)?.ports.find((p) => p.protocol === "grpc");
    if (!port) return;
    ctx.sendHttp(
      { pod },
      {
        host,
        port: port.port,
        method: "POST",
        path: METHOD_PATH,
        headers: { "content-type": GRPC_CONTENT_TYPE, "user-agent": "grpc-go/1.66.0" },
      },
      () => undefined,
    );
  }
}
