"use client";

import { useState } from "react";
import type { TrafficShiftingInput, TrafficState } from "@/lib/contracts/traffic";
import { GroupError } from "./form-errors-context";
import type { SliderWeight } from "./rebalance-weights";
import { SplitPreview } from "./split-preview";
import { WeightSliders } from "./weight-sliders";

/** HTTP or TCP traffic shifting: the sliders over every subset, and the split they make. */
export function TrafficShiftingForm({
  state,
  value,
  onChange,
  protocol,
}: {
  state: TrafficState;
  value: TrafficShiftingInput;
  onChange(value: TrafficShiftingInput): void;
  protocol: "HTTP" | "TCP";
}) {
  const [locked, setLocked] = useState<Record<string, boolean>>({});
  const weights: SliderWeight[] = value.routes.map((r) => ({
    subset: r.subset ?? "",
    weight: r.weight,
    locked: locked[r.subset ?? ""] ?? false,
  }));
  const created = state.subsets.filter(
    (s) => !s.inDestinationRule && value.routes.some((r) => r.subset === s.name && r.weight > 0),
  );
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Share of {protocol} requests to <strong>{state.service}</strong> that reach no more specific rule, per subset.
        Weights always total 100.
      </p>
      <WeightSliders
        service={state.service}
        weights={weights}
        onChange={(next) => {
          setLocked(Object.fromEntries(next.map((w) => [w.subset, w.locked])));
          onChange({ routes: next.map((w) => ({ subset: w.subset, weight: w.weight })) });
        }}
      />
      <GroupError errorKey="routes" />
      <SplitPreview service={state.service} routes={value.routes} />
      {created.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-300">
          Subsets {created.map((s) => s.name).join(", ")} will be added to the DestinationRule (from the workloads&apos;
          version labels) before the VirtualService uses them.
        </p>
      )}
    </div>
  );
}
