"use client";

/** Two YAML texts side by side with the changes highlighted (@codemirror/merge), read-only. */
import { yaml } from "@codemirror/lang-yaml";
import { MergeView } from "@codemirror/merge";
import { EditorState } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";

const readOnly = [lineNumbers(), yaml(), EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.theme({ "&": { fontSize: "12px" }, ".cm-scroller": { fontFamily: "var(--font-mono)" } })];

export function YamlDiff({ before, after, beforeLabel, afterLabel }: { before: string; after: string; beforeLabel: string; afterLabel: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new MergeView({
      a: { doc: before, extensions: readOnly },
      b: { doc: after, extensions: readOnly },
      parent: host.current,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [before, after]);
  return (
    <figure className="space-y-1">
      <div className="grid grid-cols-2 gap-2 text-xs font-medium text-slate-600 dark:text-slate-400" aria-hidden="true">
        <span>{beforeLabel}</span>
        <span>{afterLabel}</span>
      </div>
      <div ref={host} data-testid="yaml-diff" className="max-h-[50vh] overflow-auto rounded-md border border-slate-300 bg-white text-slate-900 dark:border-slate-700" />
      <figcaption className="sr-only">
        Difference between {beforeLabel} (left) and {afterLabel} (right)
      </figcaption>
    </figure>
  );
}
