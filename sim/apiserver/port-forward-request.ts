/**
 * Admitting a `pods/portforward` WebSocket before the upgrade, in kube-apiserver's order:
 * authenticate (401), impersonate, route (only `/api/v1/namespaces/{ns}/pods/{pod}/portforward`
 * is upgraded here), authorise, find the pod (404), then the WebSocket subprotocol (SPDY
 * is not served) and kubelet's checks of the `ports` query (400, in kubelet's
 * portforward.NewV4Options wording).
 *
 * Authorisation asks for verb `create` on `pods/portforward`: kube-apiserver authorises a
 * WebSocket port-forward as create, as it always has the SPDY POST, so the same RBAC grant
 * (Kiali's `create pods/portforward`, the `edit` role) works for both.
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

/** The simulator's own words: no real cluster refuses SPDY, so there is no upstream text to copy. */
export const SPDY_NOT_SERVED =
  "the simulator serves pods/portforward over WebSocket (v4.channel.k8s.io) only, not SPDY; " +
  "kubectl port-forward needs SPDY, @kubernetes/client-node's PortForward works";

export interface PortForwardTarget {
  namespace: string;
  pod: string;
  uid: string;
  ports: number[];
}

/** Why an upgrade is refused: a Status (API server) or kubelet's plain-text 400. */
export type PortForwardRejection =
  { kind: "status"; error: StatusError } | { kind: "text"; code: number; text: string };

export type PortForwardAdmission =
  { ok: true; target: PortForwardTarget } | { ok: false; rejection: PortForwardRejection };

const status = (error: StatusError): PortForwardAdmission => ({ ok: false, rejection: { kind: "status", error } });
const kubelet = (text: string): PortForwardAdmission => ({ ok: false, rejection: { kind: "text", code: 400, text } });

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

/** The client's offered subprotocols, from the `Sec-WebSocket-Protocol` header(s). */
export function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers["sec-websocket-protocol"];
  return (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
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
    return status(badRequest("only pods/portforward is served over WebSocket by this API server"));
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
  // kubectl 1.30+ first tunnels SPDY through a WebSocket (subprotocol SPDY/3.1+portforward.k8s.io, ports in the
  // SPDY stream headers, none in the query), then falls back to a SPDY upgrade: neither is served here, and saying
  // so beats kubelet's "ports is required", which is all the query would otherwise earn.
  const isWebSocket = String(req.headers.upgrade ?? "").toLowerCase() === "websocket";
  const offered = offeredProtocols(req);
  if (!isWebSocket || offered.some((p) => p.startsWith("SPDY/"))) return kubelet(SPDY_NOT_SERVED);
  if (offered.length > 0 && !offered.some((p) => (PORT_FORWARD_PROTOCOLS as readonly string[]).includes(p)))
    return kubelet(
      `unable to upgrade: requested protocol(s) are not supported: [${offered.join(" ")}]; supports [${PORT_FORWARD_PROTOCOLS.join(" ")}]`,
    );
  const ports = parsePorts(url);
  if (typeof ports === "string") return kubelet(ports);
  return { ok: true, target: { namespace: target.namespace, pod: target.name, uid: pod.metadata.uid ?? "", ports } };
}
