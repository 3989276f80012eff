/**
 * istiod's view of each proxy's xDS → istioctl's words, per type (istioctl/pkg/writer/pilot/status.go):
 * a `lastError` → ERROR; a type the proxy does not subscribe to → IGNORED; nothing sent → NOT SENT; acked the nonce
 * sent → SYNCED; else STALE, "never acknowledged" when the proxy acked nothing. A proxy's overall state is the worst
 * of its types (ERROR, STALE, NOT SENT, then SYNCED; IGNORED types do not count).
 */
import "server-only";
import { xdsTypeNames, type ProxySyncRow, type XdsSyncState, type XdsTypeStatus } from "@/lib/contracts/mesh";
import type { ProxySyncStatus, XdsTypeSync } from "@/server/adapters/kube/istiod-debug";

export function xdsTypeStatusOf(sync: XdsTypeSync): XdsTypeStatus {
  if (sync.lastError) return { state: "ERROR", lastError: sync.lastError };
  if (sync.watched === false) return { state: "IGNORED" };
  if (sync.sent === "") return { state: "NOT SENT" };
  if (sync.acked === sync.sent) return { state: "SYNCED" };
  return sync.acked === "" ? { state: "STALE", neverAcknowledged: true } : { state: "STALE" };
}

/** Worst first. */
const SEVERITY: readonly XdsSyncState[] = ["ERROR", "STALE", "NOT SENT", "SYNCED"];

export function overallStateOf(types: readonly XdsTypeStatus[]): XdsSyncState {
  const states = new Set(types.map((t) => t.state));
  return SEVERITY.find((s) => states.has(s)) ?? "IGNORED";
}

/** One row per proxy istiod `istiodPod` serves, ordered by namespace then pod. */
export function toProxySyncRows(statuses: readonly ProxySyncStatus[], istiodPod: string): ProxySyncRow[] {
  return statuses
    .map((s) => {
      const types = Object.fromEntries(
        xdsTypeNames.map((type) => [type, xdsTypeStatusOf(s.types[type])]),
      ) as ProxySyncRow["types"];
      return {
        namespace: s.namespace,
        pod: s.pod,
        proxyType: s.proxyType,
        clusterId: s.clusterId,
        istioVersion: s.istioVersion,
        istiod: istiodPod,
        types,
        overall: overallStateOf(Object.values(types)),
      };
    })
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.pod.localeCompare(b.pod));
}
