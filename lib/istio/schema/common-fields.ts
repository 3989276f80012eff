/**
 * Field tables more than one Istio kind shares, written once (after Istio's CRDs, istio/api
 * kubernetes/customresourcedefinitions.gen.yaml): a kind's table imports these rather than
 * copying them, so a fix to one reaches every kind that embeds it.
 */
import { obj, str, stringMap, uint } from "./field-schema";

/** networking PortSelector: `{ number }`, a uint32 (destinations, DR port-level settings, egress proxies). */
export const portSelector = obj({ number: uint });

/** networking Port / ServicePort: Gateway servers, Sidecar listeners, ServiceEntry ports. */
export const port = obj({ number: uint, protocol: str, name: str, targetPort: uint });

/** networking WorkloadSelector (Sidecar, ServiceEntry): `{ labels }`. */
export const workloadLabelsSelector = obj({ labels: stringMap });

/** istio.type.v1beta1.WorkloadSelector (DestinationRule, the security kinds): `{ matchLabels }`. */
export const matchLabelsSelector = obj({ matchLabels: stringMap });

/** istio.type.v1beta1.PolicyTargetReference (`targetRef`, `targetRefs[]`). */
export const policyTargetReference = obj({ group: str, kind: str, name: str, namespace: str });
