/**
 * The Istio kinds the console browses and edits, as data: a new kind is a new row.
 * `version` is the one Topsail reads and writes (v1 is served and stored by Istio ≥ 1.22).
 */
export interface IstioKindInfo {
  kind: string;
  group: "networking.istio.io" | "security.istio.io";
  version: "v1";
  plural: string;
  shortName?: string;
}

export const istioKinds = [
  { kind: "VirtualService", group: "networking.istio.io", version: "v1", plural: "virtualservices", shortName: "vs" },
  { kind: "DestinationRule", group: "networking.istio.io", version: "v1", plural: "destinationrules", shortName: "dr" },
  { kind: "Gateway", group: "networking.istio.io", version: "v1", plural: "gateways", shortName: "gw" },
  { kind: "ServiceEntry", group: "networking.istio.io", version: "v1", plural: "serviceentries", shortName: "se" },
  { kind: "Sidecar", group: "networking.istio.io", version: "v1", plural: "sidecars" },
  { kind: "WorkloadEntry", group: "networking.istio.io", version: "v1", plural: "workloadentries", shortName: "we" },
  { kind: "WorkloadGroup", group: "networking.istio.io", version: "v1", plural: "workloadgroups", shortName: "wg" },
  {
    kind: "PeerAuthentication",
    group: "security.istio.io",
    version: "v1",
    plural: "peerauthentications",
    shortName: "pa",
  },
  {
    kind: "AuthorizationPolicy",
    group: "security.istio.io",
    version: "v1",
    plural: "authorizationpolicies",
    shortName: "ap",
  },
  {
    kind: "RequestAuthentication",
    group: "security.istio.io",
    version: "v1",
    plural: "requestauthentications",
    shortName: "ra",
  },
] as const satisfies readonly IstioKindInfo[];

export type IstioKind = (typeof istioKinds)[number]["kind"];

export function findIstioKind(kind: string): IstioKindInfo | undefined {
  return istioKinds.find((k) => k.kind === kind);
}

/** Accepts the kind, plural or short name in any case (`vs`, `VirtualServices`, `virtualservice`), as kubectl does. */
export function resolveIstioKind(name: string): IstioKindInfo | undefined {
  const wanted = name.toLowerCase();
  return istioKinds.find(
    (k) => k.kind.toLowerCase() === wanted || k.plural === wanted || ("shortName" in k && k.shortName === wanted),
  );
}

/** What to tell a user who named a kind that does not resolve: the served kinds to pick from. */
export function unknownKindMessage(name: string): string {
  return `"${name}" is not an Istio kind; the served kinds are ${istioKinds.map((k) => k.kind).join(", ")}.`;
}

/** The apiVersions Istio serves for a group, any of which a user's YAML may carry. */
export function isServedApiVersion(info: IstioKindInfo, apiVersion: string): boolean {
  return (
    ["v1", "v1beta1", "v1alpha3"].some((v) => apiVersion === `${info.group}/${v}`) &&
    !(info.group === "security.istio.io" && apiVersion.endsWith("v1alpha3"))
  );
}
