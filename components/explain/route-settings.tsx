/**
 * What the winning route does besides choosing destinations: timeout, retries, fault injection
 * and mirroring. A fault is set apart in a bordered, labelled box at the top — an injected delay
 * or abort is usually what the person asking is hunting for.
 */
import type { Hop } from "@/lib/contracts/request-explanation";
import { formatDurationMs, formatPercent } from "@/lib/graph-view/edge-labels";

function FaultNotice({ fault }: { fault: NonNullable<Hop["fault"]> }) {
  if (!fault.delay && !fault.abort) return null;
  return (
    <section
      aria-label="Fault injection"
      data-testid="fault"
      className="rounded-md border-2 border-amber-500 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-semibold">
        <span aria-hidden="true">⚠ </span>Fault injected on this route
      </p>
      <ul className="list-disc pl-5">
        {fault.delay && (
          <li data-testid="fault-delay">
            Delay of {formatDurationMs(fault.delay.ms)} for {formatPercent(fault.delay.percent)} of requests
          </li>
        )}
        {fault.abort && (
          <li data-testid="fault-abort">
            Abort with HTTP {fault.abort.status} for {formatPercent(fault.abort.percent)} of requests
          </li>
        )}
      </ul>
    </section>
  );
}

function retriesText(r: Hop["retries"]): string {
  const tries = r.attempts === 0 ? "no retries" : `${r.attempts} ${r.attempts === 1 ? "retry" : "retries"}`;
  const perTry = r.perTryTimeoutMs === undefined ? "" : `, ${formatDurationMs(r.perTryTimeoutMs)} per try`;
  const on = r.retryOn.length > 0 ? ` on ${r.retryOn.join(", ")}` : "";
  return `${tries}${perTry}${on}${r.isDefault ? " (Istio default)" : ""}`;
}

export function RouteSettings({ hop }: { hop: Hop }) {
  return (
    <div className="space-y-2">
      {hop.fault && <FaultNotice fault={hop.fault} />}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Timeout</dt>
        <dd data-testid="timeout">
          {hop.timeoutMs === undefined ? "none (Istio default)" : formatDurationMs(hop.timeoutMs)}
        </dd>
        <dt className="font-medium">Retries</dt>
        <dd data-testid="retries">{retriesText(hop.retries)}</dd>
        <dt className="font-medium">Mirrors</dt>
        <dd>
          {hop.mirrors.length === 0
            ? "none"
            : hop.mirrors
                .map((m) => `${m.host}${m.subset ? ` subset ${m.subset}` : ""} (${formatPercent(m.percent)})`)
                .join("; ")}
        </dd>
      </dl>
    </div>
  );
}
