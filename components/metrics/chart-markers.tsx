"use client";

/**
 * Markers on a time chart: a dashed vertical line at each moment, as Recharts ReferenceLines.
 * Each is a button (click or Enter opens what the caller shows for it) whose name is the
 * marker's label, also shown on hover. Returned as elements, not a component, so they sit
 * directly among the chart's children. `extendDomain`: a change made after the chart's last
 * point still shows, at the right edge.
 */
import type { KeyboardEvent, SyntheticEvent } from "react";
import { ReferenceLine } from "recharts";

export interface ChartMarker {
  id: string;
  /** Unix seconds, as the charts' time axes. */
  t: number;
  /** Who did what, e.g. "VirtualService reviews updated by kubectl (external) at 14:02:11". */
  label: string;
}

/** A marker was chosen: its id, and the element drawn for it (where a popover can point). */
export type MarkerSelect = (id: string, anchor: Element) => void;

const markerColour = "#7c3aed";

interface LineProps {
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
}

function MarkerShape({ line, marker, onSelect }: { line: LineProps; marker: ChartMarker; onSelect?: MarkerSelect }) {
  const { x1, y1, x2, y2 } = line;
  if ([x1, y1, x2, y2].some((v) => typeof v !== "number" || !Number.isFinite(v))) return <g />;
  const top = Math.min(y1 as number, y2 as number);
  const select = (e: SyntheticEvent) => onSelect?.(marker.id, e.currentTarget);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    e.preventDefault();
    select(e);
  };
  return (
    <g
      role={onSelect ? "button" : "img"}
      tabIndex={onSelect ? 0 : undefined}
      aria-label={`Change: ${marker.label}`}
      data-change-marker={marker.id}
      onClick={select}
      onKeyDown={onSelect ? onKeyDown : undefined}
      className={onSelect ? "cursor-pointer outline-none focus-visible:opacity-70" : undefined}
    >
      <title>{marker.label}</title>
      {/* A wide invisible stroke makes the 1.5 px line easy to hit. */}
      <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="transparent" strokeWidth={12} />
      <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={markerColour} strokeWidth={1.5} strokeDasharray="4 3" />
      <circle cx={x1} cy={top} r={4} fill={markerColour} />
    </g>
  );
}

export function chartMarkerLines(markers: readonly ChartMarker[], onSelect?: MarkerSelect) {
  return markers.map((marker) => (
    <ReferenceLine
      key={marker.id}
      x={marker.t}
      ifOverflow="extendDomain"
      shape={(line: LineProps) => <MarkerShape line={line} marker={marker} onSelect={onSelect} />}
    />
  ));
}
