"use client";

import { carriesTcp } from "@/lib/istio/port-protocol";
import type { TrafficState, WizardId } from "@/lib/contracts/traffic";
import { buttonClass } from "./fields";

const shifting = ["traffic-shifting", "tcp-traffic-shifting"] as const;
type ShiftingWizard = (typeof shifting)[number];
export const isShiftingWizard = (wizard: WizardId): wizard is ShiftingWizard =>
  (shifting as readonly WizardId[]).includes(wizard);

/**
 * HTTP or TCP traffic shifting, for a service with a port Istio routes as TCP
 * (lib/istio/port-protocol.ts); for any other service TCP shifting is not offered, and a link
 * straight to it says why.
 */
export function TrafficProtocolSwitch({
  state,
  wizard,
  onSwitch,
}: {
  state: TrafficState;
  wizard: ShiftingWizard;
  onSwitch(wizard: WizardId): void;
}) {
  if (!carriesTcp(state.ports)) {
    if (wizard === "traffic-shifting") return null;
    return (
      <div role="alert" className="flex flex-col items-start gap-2 text-sm">
        <p>
          {state.service} has no port Istio routes as TCP (ports named tcp-…, tls-…, mongo-…, or with no declared
          protocol), so TCP traffic shifting would route nothing.
        </p>
        <button type="button" className={buttonClass} onClick={() => onSwitch("traffic-shifting")}>
          Shift HTTP traffic instead
        </button>
      </div>
    );
  }
  return (
    <fieldset className="flex flex-wrap items-center gap-4 text-sm">
      <legend className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">Shift</legend>
      {shifting.map((id) => (
        <label key={id} className="flex items-center gap-1">
          <input type="radio" name="shifting-protocol" checked={wizard === id} onChange={() => onSwitch(id)} />
          {id === "traffic-shifting" ? "HTTP requests" : "TCP connections"}
        </label>
      ))}
    </fieldset>
  );
}
