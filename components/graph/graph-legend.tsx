"use client";

/** What shapes, colours and badges mean: read from the same tables the canvas uses. */
import { securityMarkerRows } from "@/lib/graph-view/edge-security";
import { palettes } from "./cy-stylesheet";
import { inaccessibleColour } from "./node-images";
import {
  badgeRows,
  edgeProtocolRows,
  healthRows,
  nodeKindRows,
  trafficMarkRows,
  type CyShape,
  type TrafficMarkRow,
} from "./graph-styles";

const shapePath: Record<CyShape, string> = {
  "round-rectangle": "M4 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z",
  ellipse: "M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2z",
  "round-triangle": "M8 2.5l5.5 11h-11z",
  "round-pentagon": "M8 2l6 4.5-2.3 7.5H4.3L2 6.5z",
  "round-tag": "M2 3h8l4 5-4 5H2z",
};

function EdgeSwatch({ colour, dashed }: { colour: string; dashed?: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 shrink-0">
      <path d="M1 8h11" stroke={colour} strokeWidth={2} strokeDasharray={dashed ? "2 2" : undefined} />
      <path d="M11 5l4 3-4 3z" fill={colour} />
    </svg>
  );
}

/** A traffic animation mark on a bit of edge, drawn as the canvas draws it (traffic-animation.ts). */
function MarkSwatch({ row, theme }: { row: TrafficMarkRow; theme: "light" | "dark" }) {
  const line = row.kind === "bytes" ? edgeProtocolRows.tcp.colour[theme] : edgeProtocolRows.http.colour[theme];
  const outline = palettes[theme].textOutline;
  return (
    <svg aria-hidden="true" viewBox="-4 -2 8 4" className="h-4 w-8 shrink-0">
      <path d="M-4 0h8" stroke={row.colour ?? line} strokeWidth={0.5} />
      <path
        d={row.path}
        transform="scale(1.3)"
        fill={row.colour ?? outline}
        stroke={row.colour ? outline : line}
        strokeWidth={0.3}
      />
    </svg>
  );
}

/**
 * `security`: whether the Security display is on (its markers are explained either way).
 * `theme`: the canvas's, so the protocol swatches are the colours drawn.
 */
export function GraphLegend({ security, theme }: { security: boolean; theme: "light" | "dark" }) {
  return (
    <div className="grid gap-3 text-xs sm:grid-cols-4">
      <section>
        <h4 className="mb-1 font-semibold">Nodes</h4>
        <ul className="space-y-0.5">
          {nodeKindRows.map((row) => (
            <li key={row.kind} className="flex items-center gap-1.5">
              <svg
                aria-hidden="true"
                viewBox="0 0 16 16"
                className="h-4 w-4"
                fill="none"
                stroke="currentColor"
                strokeWidth={1.5}
                strokeLinejoin="round"
              >
                <path d={shapePath[row.shape]} />
              </svg>
              {row.label}
            </li>
          ))}
          <li className="flex items-center gap-1.5">
            <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor">
              <rect x="1.5" y="3" width="13" height="11" rx="2" strokeWidth={1.2} />
            </svg>
            App box: an app&apos;s versions; its badges (top right) apply to all of them
          </li>
          <li className="flex items-center gap-1.5">
            <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor">
              <rect x="1" y="2" width="14" height="12" rx="2" strokeWidth={1.2} strokeDasharray="2 1.5" />
            </svg>
            Dashed frame: a namespace, when several are shown
          </li>
          <li className="flex items-center gap-1.5">
            {/* The key drawn on such a node (node-images.ts keySvg). */}
            <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4">
              <circle cx="8" cy="8" r="7" fill={inaccessibleColour} />
              <g stroke="#fff" strokeWidth={1.5} strokeLinecap="round" fill="none">
                <circle cx="5.9" cy="8" r="2.2" />
                <path d="M8.1 8H12.2M10.1 8v2.1M11.9 8v2.1" />
              </g>
            </svg>
            Greyed, with a key: you may not read the workloads of its namespace
          </li>
        </ul>
      </section>
      <section>
        <h4 className="mb-1 font-semibold">Health</h4>
        <ul className="space-y-0.5">
          {Object.values(healthRows).map((row) => (
            <li key={row.status} className="flex items-center gap-1.5">
              <span
                aria-hidden="true"
                className="inline-flex h-4 w-4 items-center justify-center rounded text-[10px] font-bold"
                style={{ border: `${Math.min(row.borderWidth, 3)}px ${row.border} ${row.colour}`, color: row.colour }}
              >
                {row.glyph}
              </span>
              {row.label} <span className="text-slate-500">({row.border} border)</span>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h4 className="mb-1 font-semibold">Edges</h4>
        <ul className="space-y-0.5" data-testid="legend-edges">
          {Object.values(edgeProtocolRows).map((row) => (
            <li key={row.protocol} className="flex items-center gap-1.5" data-legend-protocol={row.protocol}>
              <EdgeSwatch colour={row.colour[theme]} />
              {row.label}, healthy
            </li>
          ))}
          <li className="flex items-center gap-1.5">
            <EdgeSwatch colour={healthRows.degraded.colour} />
            Errors below 10%
          </li>
          <li className="flex items-center gap-1.5">
            <EdgeSwatch colour={healthRows.failure.colour} />
            Errors at 10% or more
          </li>
          <li className="flex items-center gap-1.5">
            <EdgeSwatch colour={palettes[theme].edge} dashed />
            No traffic in the window (dotted)
          </li>
        </ul>
        <h4 className="mt-2 mb-1 font-semibold">Traffic animation</h4>
        <ul className="space-y-0.5" data-testid="legend-animation">
          <li>Faster, closer marks = more requests/s (bytes/s on TCP); red marks = errors</li>
          {Object.values(trafficMarkRows).map((row) => (
            <li key={row.kind} className="flex items-center gap-1.5" data-legend-mark={row.kind}>
              <MarkSwatch row={row} theme={theme} />
              {row.label}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h4 className="mb-1 font-semibold">Badges</h4>
        <ul className="space-y-0.5">
          {badgeRows.map((row) => (
            <li key={row.badge} className="flex items-center gap-1.5">
              <span
                aria-hidden="true"
                className="inline-flex h-4 min-w-4 items-center justify-center rounded-full px-0.5 text-[9px] font-bold text-white"
                style={{ backgroundColor: row.colour }}
              >
                {row.glyph}
              </span>
              {row.label}
            </li>
          ))}
          {Object.values(securityMarkerRows).map((row) => (
            <li key={row.security} className="flex items-center gap-1.5" data-legend-security={row.security}>
              <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 shrink-0">
                <path d="M1 8h14" stroke="#64748b" strokeWidth={2} />
                <rect
                  x="5"
                  y="5"
                  width="6"
                  height="6"
                  stroke="#64748b"
                  strokeWidth={1.5}
                  fill={row.security === "mtls" ? "#64748b" : "none"}
                />
              </svg>
              <span aria-hidden="true">{row.marker}</span>
              {row.legend}
            </li>
          ))}
          {!security && <li className="text-slate-500">Security markers show with Security on in the toolbar.</li>}
        </ul>
      </section>
    </div>
  );
}
