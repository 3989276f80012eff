/**
 * The label set of Istio's standard metrics (istio-facts §2), rendered once per peer,
 * service and outcome and cached: a report only concatenates a few cached fragments the
 * first time a combination appears, never per request.
 */
import type { WorkloadIdentity } from "@/lib/istio/routing/snapshot";

export type Reporter = "source" | "destination";
export type SecurityPolicy = "mutual_tls" | "none" | "unknown";

export const LOCAL_CLUSTER = "Kubernetes";

export interface ServiceLabels {
  /** destination_service: the FQDN, or the external host. */
  host: string;
  name: string;
  namespace: string;
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function buildPeerFragment(
  side: "source" | "destination",
  identity: WorkloadIdentity | undefined,
  principalKnown: boolean,
): string {
  const v = (s: string): string => `"${escapeLabelValue(s)}"`;
  const u = v("unknown");
  return [
    `${side}_workload=${identity ? v(identity.workload) : u}`,
    `${side}_canonical_service=${identity ? v(identity.canonicalService) : u}`,
    `${side}_canonical_revision=${identity ? v(identity.canonicalRevision) : v("latest")}`,
    `${side}_workload_namespace=${identity ? v(identity.namespace) : u}`,
    `${side}_principal=${identity && principalKnown ? v(identity.principal) : u}`,
    `${side}_app=${identity ? v(identity.app) : u}`,
    `${side}_version=${identity ? v(identity.version) : u}`,
    `${side}_cluster=${identity ? v(LOCAL_CLUSTER) : u}`,
  ].join(",");
}

export interface LabelFragment {
  /** Small interned number, the building block of series keys. */
  id: number;
  text: string;
}

/**
 * Interns label fragments: each distinct text gets a number, and each identity object
 * (one per workload per snapshot) remembers its four peer fragments, so building a
 * series key is a few integer concatenations.
 */
export class LabelCatalog {
  private readonly ids = new Map<string, LabelFragment>();
  private readonly peers = new WeakMap<WorkloadIdentity, Array<LabelFragment | undefined>>();
  private readonly unknownPeers: Array<LabelFragment | undefined> = [];
  private readonly services = new Map<string, LabelFragment>();

  intern(text: string): LabelFragment {
    let fragment = this.ids.get(text);
    if (!fragment) {
      fragment = { id: this.ids.size, text };
      this.ids.set(text, fragment);
    }
    return fragment;
  }

  peer(side: "source" | "destination", identity: WorkloadIdentity | undefined, principalKnown: boolean): LabelFragment {
    let slots = identity ? this.peers.get(identity) : this.unknownPeers;
    if (!slots) {
      slots = [];
      if (identity) this.peers.set(identity, slots);
    }
    const slot = (side === "source" ? 0 : 2) + (principalKnown ? 1 : 0);
    let fragment = slots[slot];
    if (!fragment) {
      fragment = this.intern(buildPeerFragment(side, identity, principalKnown));
      slots[slot] = fragment;
    }
    return fragment;
  }

  service(service: ServiceLabels): LabelFragment {
    const key = `${service.host}|${service.name}|${service.namespace}`;
    let fragment = this.services.get(key);
    if (!fragment) {
      fragment = this.intern(
        [
          `destination_service="${escapeLabelValue(service.host)}"`,
          `destination_service_name="${escapeLabelValue(service.name)}"`,
          `destination_service_namespace="${escapeLabelValue(service.namespace)}"`,
        ].join(","),
      );
      this.services.set(key, fragment);
    }
    return fragment;
  }
}
