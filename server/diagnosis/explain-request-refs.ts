/**
 * Config refs of the request explainer: an object by kind, namespace and name, with the line
 * the editor shows a field on (the flag explainer's finder, explain-flags-finish.ts, over the
 * object's editable YAML). Objects come from the same plain objects the routing snapshot was
 * built from, so a ref always names what the decision read.
 */
import "server-only";
import type { ConfigRef } from "@/lib/contracts/request-explanation";
import type { SnapshotInput } from "@/lib/istio/routing/build-snapshot";
import type { IstioObject } from "@/lib/istio/types/common";
import { lineFinder } from "./explain-flags-finish";

type RefKind = ConfigRef["kind"];

const INPUT_FIELD: Partial<Record<RefKind, keyof SnapshotInput>> = {
  VirtualService: "virtualServices",
  DestinationRule: "destinationRules",
  Gateway: "gateways",
  PeerAuthentication: "peerAuthentications",
  AuthorizationPolicy: "authorizationPolicies",
  ServiceEntry: "serviceEntries",
};

export type RefOf = (kind: RefKind, namespace: string, name: string, path?: string) => ConfigRef;

export function configRefs(input: SnapshotInput): RefOf {
  const lineOf = lineFinder();
  const objects = new Map<string, IstioObject<string, unknown>>();
  for (const [kind, field] of Object.entries(INPUT_FIELD))
    for (const object of input[field]) {
      const { name, namespace } = object.metadata;
      objects.set(`${kind}/${namespace}/${name}`, { kind, ...object } as IstioObject<string, unknown>);
    }
  return (kind, namespace, name, path) => {
    const object = objects.get(`${kind}/${namespace}/${name}`);
    const line = object && path ? lineOf(object, path) : null;
    return { kind, namespace, name, ...(path ? { path } : {}), ...(line ? { line } : {}) };
  };
}
