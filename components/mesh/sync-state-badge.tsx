import type { XdsSyncState, XdsTypeStatus } from "@/lib/contracts/mesh";
import { StatusDot, type DotState } from "@/components/ui/status-dot";

/** How each state reads: the word istioctl prints, always with the dot, never colour alone. */
const dots: Record<XdsSyncState, DotState> = {
  SYNCED: "ok",
  "NOT SENT": "unknown",
  IGNORED: "unknown",
  STALE: "warn",
  ERROR: "bad",
};

export function SyncStateBadge({ state, status }: { state: XdsSyncState; status?: XdsTypeStatus }) {
  const title = status?.lastError ?? (status?.neverAcknowledged ? "the proxy never acknowledged a push" : undefined);
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap" title={title}>
      <StatusDot state={dots[state]} />
      {state}
      {status?.neverAcknowledged && <span className="text-xs text-slate-500">(never acked)</span>}
    </span>
  );
}
