/**
 * Admitting a `pods/portforward` upgrade, in kube-apiserver's order: authenticate (401),
 * impersonate, route (only `/api/v1/namespaces/{ns}/pods/{pod}/portforward` is upgraded
 * here), authorise, find the pod (404), then the transport and its own checks:
 *
 * - a WebSocket offering `SPDY/3.1+portforward.k8s.io`: SPDY tunnelled through WebSocket
 *   binary messages (kubectl 1.31+ tries it first), ports in the streams' headers;
 * - any other WebSocket: kubelet's channel protocol (`v4.channel.k8s.io`), with kubelet's
 *   checks of the `ports` query (400, in portforward.NewV4Options' wording);
 * - `Upgrade: SPDY/3.1` (kubectl's POST, and its fallback when the WebSocket is refused):
 *   apimachinery's httpstream.Handshake on `X-Stream-Protocol-Version`, ports in the
 *   streams' headers.
 *
 * Authorisation asks for verb `create` on `pods/portforward`: kube-apiserver authorises a
 * WebSocket port-forward as create, as it always has the SPDY POST, so the same RBAC grant
 * (Kiali's `create pods/portforward`, the `edit` role) works for all three.
 */
import type { IncomingMessage } from "node:http";
import { impersonate, isImpersonationError } from "./impersonate";
import { parseRequestPath } from "./parse-request-path";
import type { ApiServerDeps } from "./request-context";
import { badRequest, forbidden, notFound, pathNotFound, unauthorized, type StatusError } from "./status-error";

/**
 * Kubelet's WebSocket port-forward protocol (no subprotocol at all is binary v4 too). v5 is
 * exec's and attach's, not port-forward's: client-node offers v5 first and gets v4.
 */
export const PORT_FORWARD_PROTOCOLS = ["v4.channel.k8s.io"] as const;

/** client-go's tunnelling subprotocol: WebSocket binary messages carrying a SPDY connection. */
export const SPDY_TUNNEL_PROTOCOL = "SPDY/3.1+portforward.k8s.io";

/** What kubelet's SPDY handshake accepts in `X-Stream-Protocol-Version`. */
const SPDY_PORT_FORWARD_PROTOCOLS = ["portforward.k8s.io"] as const;

export interface PortForwardTarget {
  namespace: string;
  pod: string;
  uid: string;
}

/** How the forwarded connections travel, and for the channel protocol which ports the query named. */
export type PortForwardTransport = { kind: "channels"; ports: number[] } | { kind: "spdy" } | { kind: "tunneled-spdy" };

/** Why an upgrade is refused: a Status (API server) or kubelet's plain-text 400. */
export type PortForwardRejection =
  { kind: "status"; error: StatusError } | { kind: "text"; code: number; text: string };

export type PortForwardAdmission =
  | { ok: true; target: PortForwardTarget; transport: PortForwardTransport }
  | { ok: false; rejection: PortForwardRejection };

const status = (error: StatusError): PortForwardAdmission => ({ ok: false, rejection: { kind: "status", error } });
const kubelet = (text: string, code = 400): PortForwardAdmission => ({
  ok: false,
  rejection: { kind: "text", code, text },
});

function parsePorts(url: URL): number[] | string {
  const given = url.searchParams.getAll("ports");
  if (given.length === 0) return `query parameter "ports" is required`;
  const ports: number[] = [];
  for (const text of given) {
    if (text === "") return `query parameter "ports" cannot be empty`;
    for (const part of text.split(",")) {
      if (!/^\d+$/.test(part) || Number(part) > 65535)
        return `unable to parse "${text}" as a port: strconv.ParseUint: parsing "${part}": ${/^\d+$/.test(part) ? "value out of range" : "invalid syntax"}`;
      if (Number(part) < 1) return `port "${text}" must be > 0`;
      ports.push(Number(part));
    }
  }
  return ports;
}

/** A comma-separated, possibly repeated header's values (`Sec-WebSocket-Protocol`, `X-Stream-Protocol-Version`). */
function headerValues(req: IncomingMessage, name: string): string[] {
  const header = req.headers[name];
  return (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** The WebSocket transports: the SPDY tunnel, else kubelet's channels with ports from the query. */
function admitWebSocket(req: IncomingMessage, url: URL): PortForwardTransport | string {
  const offered = headerValues(req, "sec-websocket-protocol");
  if (offered.includes(SPDY_TUNNEL_PROTOCOL)) return { kind: "tunneled-spdy" };
  if (offered.length > 0 && !offered.some((p) => (PORT_FORWARD_PROTOCOLS as readonly string[]).includes(p)))
    return `unable to upgrade: requested protocol(s) are not supported: [${offered.join(" ")}]; supports [${[...PORT_FORWARD_PROTOCOLS, SPDY_TUNNEL_PROTOCOL].join(" ")}]`;
  const ports = parsePorts(url);
  return typeof ports === "string" ? ports : { kind: "channels", ports };
}

/**
 * kubelet's SPDY upgrade: spdy.UpgradeResponse's header check (400), then httpstream.Handshake
 * (403 when no protocol matches). Without `X-Stream-Protocol-Version` kubelet gives up
 * without writing a response; a 400 with Handshake's error says the same to a client.
 */
function admitSpdy(req: IncomingMessage): PortForwardAdmission | undefined {
  const connection = String(req.headers.connection ?? "").toLowerCase();
  const upgrade = String(req.headers.upgrade ?? "").toLowerCase();
  if (!connection.includes("upgrade") || !upgrade.includes("spdy/3.1"))
    return kubelet("unable to upgrade: missing upgrade headers in request");
  const offered = headerValues(req, "x-stream-protocol-version");
  if (offered.length === 0) return kubelet("unable to upgrade: X-Stream-Protocol-Version is required");
  if (!offered.some((p) => (SPDY_PORT_FORWARD_PROTOCOLS as readonly string[]).includes(p)))
    return kubelet(
      `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(" ")}], server accepts [${SPDY_PORT_FORWARD_PROTOCOLS.join(" ")}]`,
      403,
    );
  return undefined;
}

export function admitPortForward(req: IncomingMessage, deps: ApiServerDeps): PortForwardAdmission {
  const authenticated = deps.authenticate(req);
  if (!authenticated) return status(unauthorized());
  let user;
  try {
    user = impersonate(req, authenticated, deps.authorize);
  } catch (err) {
    if (isImpersonationError(err)) return { ok: false, rejection: { kind: "text", code: err.code, text: err.message } };
    throw err;
  }
  const url = new URL(req.url ?? "/", "https://127.0.0.1");
  const route = parseRequestPath(url.pathname);
  if (route.type !== "resource") return status(pathNotFound());
  const { target } = route;
  if (
    target.def.group !== "" ||
    target.def.resource !== "pods" ||
    target.subresource !== "portforward" ||
    !target.namespace ||
    !target.name
  )
    return status(badRequest("only pods/portforward is upgraded by this API server"));
  const attributes = {
    verb: "create",
    group: "",
    resource: "pods",
    subresource: "portforward",
    namespace: target.namespace,
    name: target.name,
  };
  if (!deps.authorize.allows({ ...attributes, user })) return status(forbidden({ ...attributes, user: user.name }));
  const pod = deps.memory.getShared({ group: "", resource: "pods" }, target.namespace, target.name);
  if (!pod) return status(notFound({ group: "", resource: "pods" }, target.name));
  const podTarget = { namespace: target.namespace, pod: target.name, uid: pod.metadata.uid ?? "" };
  if (String(req.headers.upgrade ?? "").toLowerCase() === "websocket") {
    const transport = admitWebSocket(req, url);
    return typeof transport === "string" ? kubelet(transport) : { ok: true, target: podTarget, transport };
  }
  return admitSpdy(req) ?? { ok: true, target: podTarget, transport: { kind: "spdy" } };
}
