/**
 * coordination.k8s.io/v1 Leases, read and written as the leader election needs them
 * (server/background/leader-election.ts): every update carries the resourceVersion that was
 * read, so two replicas racing for one Lease cannot both win — the loser gets 409 Conflict.
 */
import "server-only";
import { CoordinationV1Api, type V1Lease } from "@kubernetes/client-node";
import { TopsailError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";

export interface LeaseRecord {
  /** Empty when released. */
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime?: Date;
  renewTime?: Date;
  leaseTransitions: number;
  /** The version read; an update is conditioned on it. Empty for a record not yet written. */
  resourceVersion: string;
}

export interface LeaseRef {
  namespace: string;
  name: string;
}

function toRecord(lease: V1Lease): LeaseRecord {
  const spec = lease.spec ?? {};
  return {
    holderIdentity: spec.holderIdentity ?? "",
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime ? new Date(spec.acquireTime) : undefined,
    renewTime: spec.renewTime ? new Date(spec.renewTime) : undefined,
    leaseTransitions: spec.leaseTransitions ?? 0,
    resourceVersion: lease.metadata?.resourceVersion ?? "",
  };
}

function toLease(ref: LeaseRef, record: LeaseRecord): V1Lease {
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      ...(record.resourceVersion ? { resourceVersion: record.resourceVersion } : {}),
    },
    spec: {
      holderIdentity: record.holderIdentity,
      leaseDurationSeconds: record.leaseDurationSeconds,
      acquireTime: record.acquireTime,
      renewTime: record.renewTime,
      leaseTransitions: record.leaseTransitions,
    },
  };
}

const api = (connection: KubeConnection) => connection.kubeConfig.makeApiClient(CoordinationV1Api);

/** The Lease now, or undefined when there is none. */
export async function readLease(connection: KubeConnection, ref: LeaseRef): Promise<LeaseRecord | undefined> {
  try {
    return toRecord(await api(connection).readNamespacedLease(ref));
  } catch (error) {
    const typed = toKubeError(error, { server: connection.server, namespace: ref.namespace });
    if (typed.code === "not_found") return undefined;
    throw typed;
  }
}

/** Creates the Lease; a `conflict` TopsailError when another replica created it first. */
export async function createLease(
  connection: KubeConnection,
  ref: LeaseRef,
  record: LeaseRecord,
): Promise<LeaseRecord> {
  try {
    return toRecord(
      await api(connection).createNamespacedLease({ namespace: ref.namespace, body: toLease(ref, record) }),
    );
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace: ref.namespace });
  }
}

/** Replaces the Lease at `record.resourceVersion`; a `conflict` TopsailError when it moved on since. */
export async function replaceLease(
  connection: KubeConnection,
  ref: LeaseRef,
  record: LeaseRecord,
): Promise<LeaseRecord> {
  if (!record.resourceVersion)
    throw new TopsailError("bad_request", `Replacing Lease ${ref.namespace}/${ref.name} needs its resourceVersion`);
  try {
    return toRecord(await api(connection).replaceNamespacedLease({ ...ref, body: toLease(ref, record) }));
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace: ref.namespace });
  }
}
