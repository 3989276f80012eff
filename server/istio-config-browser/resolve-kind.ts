/** The kind named in a URL (`virtualservices`, `vs`, `VirtualService`), or a clear 400. */
import "server-only";
import { resolveIstioKind, unknownKindMessage, type IstioKindInfo } from "@/lib/istio/kinds";
import { TopsailError } from "@/server/errors";

export function resolveKindOrThrow(kind: string): IstioKindInfo {
  const info = resolveIstioKind(kind);
  if (!info) throw new TopsailError("bad_request", unknownKindMessage(kind));
  return info;
}
