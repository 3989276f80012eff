"use client";

/**
 * Charts with the changes that touch what they measure: fetches the changes of the charts'
 * window (GET /api/namespaces/{ns}/changes) and hands the charts their markers; a clicked
 * marker opens a popover with the change (change-detail.tsx). The charts stay props-only:
 * they get the markers through `children`.
 */
import { Popover } from "radix-ui";
import { useState, type ReactNode } from "react";
import { useChanges, type ChangesParams } from "@/lib/queries/changes";
import type { ChartMarker, MarkerSelect } from "@/components/metrics/chart-markers";
import { ChangeDetail } from "./change-detail";
import { toChartMarkers } from "./describe-change";

export function ChartsWithChanges({
  params,
  children,
}: {
  params: ChangesParams;
  children: (markers: ChartMarker[], onMarkerSelect: MarkerSelect) => ReactNode;
}) {
  const changes = useChanges(params);
  // The popover points at the marker that was clicked (one change has a marker on every chart).
  const [selection, setSelection] = useState<{ id: string; anchor: Element } | null>(null);
  const select: MarkerSelect = (id, anchor) => setSelection({ id, anchor });
  const list = changes.data?.changes ?? [];
  const selected = selection ? list.find((c) => c.id === selection.id) : undefined;
  return (
    <Popover.Root open={selected !== undefined} onOpenChange={(open) => !open && setSelection(null)}>
      {selection && <Popover.Anchor virtualRef={{ current: selection.anchor }} />}
      <div className="space-y-1">
        {changes.error && (
          <p role="alert" className="text-xs text-bad">
            Changes to mesh config cannot be shown on the charts: {changes.error.message}
          </p>
        )}
        {children(toChartMarkers(list), select)}
      </div>
      <Popover.Portal>
        <Popover.Content
          side="bottom"
          align="center"
          collisionPadding={8}
          className="z-50 max-h-[80vh] w-[36rem] max-w-[calc(100vw-1rem)] overflow-y-auto rounded-lg border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {selected && <ChangeDetail change={selected} onChanged={() => void changes.refetch()} />}
          <Popover.Close className="absolute right-2 top-2 text-sm text-slate-500" aria-label="Close">
            ×
          </Popover.Close>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
