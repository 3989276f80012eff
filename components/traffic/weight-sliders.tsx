"use client";

import { Slider } from "radix-ui";
import { useId } from "react";
import { buttonClass, inputClass } from "./fields";
import { evenSplitWeights, rebalanceWeights, type SliderWeight } from "./rebalance-weights";

function WeightRow({
  service,
  weight,
  onMove,
  onLock,
}: {
  service: string;
  weight: SliderWeight;
  onMove(value: number): void;
  onLock(locked: boolean): void;
}) {
  const inputId = useId();
  const name = `${service} ${weight.subset} weight`;
  return (
    <div className="grid grid-cols-[4rem_1fr_5rem_5.5rem] items-center gap-3" data-subset={weight.subset}>
      <span className="font-mono text-sm">{weight.subset}</span>
      <Slider.Root
        className="relative flex h-5 touch-none select-none items-center"
        value={[weight.weight]}
        min={0}
        max={100}
        step={1}
        disabled={weight.locked}
        onValueChange={([value]) => value !== undefined && onMove(value)}
      >
        <Slider.Track className="relative h-1.5 grow rounded-full bg-slate-200 dark:bg-slate-700">
          <Slider.Range className="absolute h-full rounded-full bg-sky-600 data-[disabled]:bg-slate-400" />
        </Slider.Track>
        <Slider.Thumb
          aria-label={name}
          className="block h-4 w-4 rounded-full border-2 border-sky-700 bg-white shadow focus-visible:outline-2 focus-visible:outline-sky-600 data-[disabled]:border-slate-400"
        />
      </Slider.Root>
      <span className="flex items-center gap-1">
        <label htmlFor={inputId} className="sr-only">{`${name} (percent)`}</label>
        <input
          id={inputId}
          type="number"
          min={0}
          max={100}
          className={`${inputClass} w-16`}
          value={weight.weight}
          disabled={weight.locked}
          onChange={(e) => e.target.value !== "" && onMove(Number(e.target.value))}
        />
        %
      </span>
      <label className="flex items-center gap-1 text-xs">
        <input
          type="checkbox"
          checked={weight.locked}
          onChange={(e) => onLock(e.target.checked)}
          aria-label={`Lock ${weight.subset}`}
        />
        Lock
      </label>
    </div>
  );
}

/**
 * One slider per subset, linked so they always total 100: moving one rebalances the unlocked
 * others (rebalance-weights.ts); a locked one never moves. Each slider's accessible name is
 * "<service> <subset> weight", and the arrow keys move it by 1.
 */
export function WeightSliders({
  service,
  weights,
  onChange,
}: {
  service: string;
  weights: SliderWeight[];
  onChange(next: SliderWeight[]): void;
}) {
  return (
    <div className="flex flex-col gap-2" role="group" aria-label={`${service} traffic weights`}>
      {weights.map((w, i) => (
        <WeightRow
          key={w.subset}
          service={service}
          weight={w}
          onMove={(value) => onChange(rebalanceWeights(weights, i, value))}
          onLock={(locked) => onChange(weights.map((x, j) => (j === i ? { ...x, locked } : x)))}
        />
      ))}
      <div>
        <button type="button" className={buttonClass} onClick={() => onChange(evenSplitWeights(weights))}>
          Even split
        </button>
      </div>
    </div>
  );
}
