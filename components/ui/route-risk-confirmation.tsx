"use client";

/**
 * The explicit "yes, send traffic there anyway" a change needs when it routes to a subset
 * that cannot serve (lib/contracts/route-risks.ts). Each risk is said in the server's words;
 * one checkbox per kind of risk, so confirming a missing subset does not also confirm a
 * subset without pods. The caller sends the checked kinds as the request's `confirm`.
 */
import { useId } from "react";
import { unconfirmedRisks, type RouteRisk, type RouteRiskKind } from "@/lib/contracts/route-risks";

const consequence: Record<RouteRiskKind, string> = {
  "missing-subset": "requests routed to a subset no DestinationRule defines fail with 503 (no route)",
  "subset-without-pods": "requests routed to a subset without running pods fail with 503 UH (no healthy upstream)",
};

const sentence = (message: string) => `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;

/** Whether every risk has been confirmed, i.e. whether the change may be applied. */
export function risksConfirmed(risks: readonly RouteRisk[], confirmed: readonly RouteRiskKind[]): boolean {
  return unconfirmedRisks(risks, confirmed).length === 0;
}

export function RouteRiskConfirmation({
  risks,
  confirmed,
  onChange,
}: {
  risks: readonly RouteRisk[];
  confirmed: readonly RouteRiskKind[];
  onChange: (confirmed: RouteRiskKind[]) => void;
}) {
  const id = useId();
  if (risks.length === 0) return null;
  const kinds = [...new Set(risks.map((r) => r.kind))];
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <h3 id={`${id}-title`} className="font-medium">
        This change sends traffic where nothing can answer it
      </h3>
      <ul className="list-disc pl-5">
        {risks.map((r) => (
          <li key={`${r.kind} ${r.virtualService.namespace}/${r.virtualService.name} ${r.host} ${r.subset}`}>
            {sentence(r.message)} (VirtualService {r.virtualService.namespace}/{r.virtualService.name})
          </li>
        ))}
      </ul>
      {kinds.map((kind) => (
        <label key={kind} className="flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={confirmed.includes(kind)}
            onChange={(e) => onChange(e.target.checked ? [...confirmed, kind] : confirmed.filter((k) => k !== kind))}
          />
          <span>Apply anyway: I understand that {consequence[kind]}.</span>
        </label>
      ))}
    </section>
  );
}
