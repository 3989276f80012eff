"use client";

/** The graph's controls. Every value is URL state; the namespaces come from the top bar. */
import { useId, type ReactNode } from "react";
import type { GraphType } from "@/lib/contracts/graph";
import {
  edgeLabelOptions,
  graphTypeOptions,
  grpcRateOptions,
  httpRateOptions,
  labelOf,
  refreshOptions,
  tcpRateOptions,
  windowOptions,
  type EdgeLabelMode,
  type Option,
} from "@/lib/graph-view/options";
import type { GraphUrlState } from "@/lib/graph-view/url-state";
import { ExpressionInput } from "./expression-input";
import { ExportMenu, type ExportActions } from "./export-menu";

const controlClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

function Select<V extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: V;
  options: Option<V>[];
  onChange: (value: V) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col">
      <label htmlFor={id} className="text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => onChange(options.find((o) => String(o.value) === e.target.value)?.value ?? value)}
        className={controlClass}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Toggle({
  label,
  checked,
  onChange,
  disabled,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  disabled?: boolean;
  hint?: ReactNode;
}) {
  return (
    <label
      className={`flex items-center gap-1.5 self-end pb-1 text-sm ${disabled ? "opacity-50" : ""}`}
      title={typeof hint === "string" ? hint : undefined}
    >
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        className="h-4 w-4"
      />
      {label}
    </label>
  );
}

/** One protocol of the Traffic menu: a radio group, as Kiali's menu offers one choice per protocol. */
function RateChoice<V extends string>({
  legend,
  value,
  options,
  onChange,
}: {
  legend: string;
  value: V;
  options: Option<V>[];
  onChange: (value: V) => void;
}) {
  const name = useId();
  return (
    <fieldset className="flex flex-col gap-0.5">
      <legend className="text-xs font-medium text-slate-600 dark:text-slate-400">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="flex items-center gap-1.5 text-sm">
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            className="h-3.5 w-3.5"
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Kiali's Traffic menu: what HTTP, gRPC and TCP edges count (requests, stream messages,
 * bytes sent or received) or whether they are drawn at all. The summary says what is on,
 * so the menu's state shows without opening it.
 */
function TrafficMenu({ state, onChange }: Pick<GraphToolbarProps, "state" | "onChange">) {
  const summary = [
    `HTTP ${labelOf(httpRateOptions, state.rateHttp).toLowerCase()}`,
    `gRPC ${labelOf(grpcRateOptions, state.rateGrpc).toLowerCase()}`,
    `TCP ${labelOf(tcpRateOptions, state.rateTcp).toLowerCase()}`,
  ].join(", ");
  return (
    <div className="flex flex-col">
      <span className="text-xs font-medium text-slate-600 dark:text-slate-400">Traffic</span>
      <details className="relative">
        <summary className={`${controlClass} cursor-pointer list-none`} aria-label={`Traffic: ${summary}`}>
          {summary}
        </summary>
        <div className="absolute z-20 mt-1 flex gap-4 rounded-md border border-slate-300 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <RateChoice
            legend="HTTP"
            value={state.rateHttp}
            options={httpRateOptions}
            onChange={(rateHttp) => onChange({ rateHttp })}
          />
          <RateChoice
            legend="gRPC"
            value={state.rateGrpc}
            options={grpcRateOptions}
            onChange={(rateGrpc) => onChange({ rateGrpc })}
          />
          <RateChoice
            legend="TCP"
            value={state.rateTcp}
            options={tcpRateOptions}
            onChange={(rateTcp) => onChange({ rateTcp })}
          />
        </div>
      </details>
    </div>
  );
}

export interface GraphToolbarProps {
  state: GraphUrlState;
  onChange: (patch: Partial<GraphUrlState>) => void;
  onRefresh: () => void;
  refreshing: boolean;
  reducedMotion: boolean;
  /** The Export menu's actions; absent while there is no graph to export. */
  exports?: ExportActions;
}

export function GraphToolbar({ state, onChange, onRefresh, refreshing, reducedMotion, exports }: GraphToolbarProps) {
  return (
    <div
      role="toolbar"
      aria-label="Graph options"
      className="flex flex-wrap items-start gap-3 border-b border-slate-200 pb-3 dark:border-slate-800"
    >
      <Select<GraphType>
        label="Graph type"
        value={state.graphType}
        options={graphTypeOptions}
        onChange={(graphType) => onChange({ graphType, focus: "" })}
      />
      <Select<number>
        label="Window"
        value={state.duration}
        options={windowOptions}
        onChange={(duration) => onChange({ duration })}
      />
      <div className="flex items-end gap-1">
        <Select<number>
          label="Refresh"
          value={state.refresh}
          options={refreshOptions}
          onChange={(refresh) => onChange({ refresh })}
        />
        <button
          type="button"
          onClick={onRefresh}
          disabled={refreshing}
          className={`${controlClass} hover:bg-slate-50 disabled:opacity-50 dark:hover:bg-slate-800`}
        >
          {refreshing ? "Refreshing…" : "Refresh now"}
        </button>
      </div>
      <TrafficMenu state={state} onChange={onChange} />
      <Select<EdgeLabelMode>
        label="Edge labels"
        value={state.edgeLabels}
        options={edgeLabelOptions}
        onChange={(edgeLabels) => onChange({ edgeLabels })}
      />
      <Toggle label="Idle nodes" checked={state.idleNodes} onChange={(idleNodes) => onChange({ idleNodes })} />
      <Toggle
        label="Security"
        hint="Mark edges whose traffic is over mutual TLS (a lock), or only partly (“partial”)"
        checked={state.security}
        onChange={(security) => onChange({ security })}
      />
      <Toggle
        label={reducedMotion ? "Traffic animation (off: reduced motion)" : "Traffic animation"}
        hint="Marks move along edges: faster and closer together for more requests/s; red crosses are errors"
        checked={state.animate && !reducedMotion}
        disabled={reducedMotion}
        onChange={(animate) => onChange({ animate })}
      />
      {exports && <ExportMenu {...exports} summaryClass={controlClass} />}
      <div className="flex w-full flex-wrap gap-3">
        <ExpressionInput
          label="Find"
          value={state.find}
          placeholder="e.g. %httperr > 5 OR rt > 200"
          onCommit={(find) => onChange({ find })}
        />
        <ExpressionInput
          label="Hide"
          value={state.hide}
          placeholder="e.g. version = v1"
          onCommit={(hide) => onChange({ hide })}
        />
      </div>
    </div>
  );
}
