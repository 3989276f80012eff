"use client";

import type { MirroringInput, TrafficState } from "@/lib/contracts/traffic";
import { NumberField, SelectField, ToggleSection } from "./fields";
import { RuleTargetFields } from "./rule-target-fields";

/** Copies a share of the requests to one subset (fire and forget: the mirror's answers are dropped). */
export function MirroringForm({
  state,
  value,
  onChange,
}: {
  state: TrafficState;
  value: MirroringInput;
  onChange(value: MirroringInput): void;
}) {
  const options = state.subsets.map((s) => ({
    value: s.name,
    label: s.inDestinationRule ? s.name : `${s.name} (new subset)`,
  }));
  const first = state.subsets[0]?.name;
  return (
    <div className="flex flex-col gap-4">
      <RuleTargetFields value={value.target} onChange={(target) => onChange({ ...value, target })} />
      <ToggleSection
        label="Mirror"
        on={value.mirror !== null}
        onToggle={(on) => onChange({ ...value, mirror: on && first ? { subset: first, percentage: 100 } : null })}
      >
        {value.mirror && (
          <>
            <SelectField
              label="Mirror to subset"
              value={value.mirror.subset}
              options={options}
              onChange={(subset) => value.mirror && onChange({ ...value, mirror: { ...value.mirror, subset } })}
              errorKey="mirror.subset"
            />
            <NumberField
              label="Mirror percentage"
              value={value.mirror.percentage}
              min={0}
              max={100}
              step={0.1}
              onChange={(p) => value.mirror && onChange({ ...value, mirror: { ...value.mirror, percentage: p ?? 0 } })}
              errorKey="mirror.percentage"
            />
          </>
        )}
      </ToggleSection>
    </div>
  );
}
