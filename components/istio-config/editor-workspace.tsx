"use client";

/** The editor with its validation list and references beside it, as the detail and create pages show them. */
import type { Ref } from "react";
import type { ObjectReference } from "@/lib/contracts/istio-objects";
import type { Finding } from "./findings";
import { ReferenceList } from "./reference-list";
import { ValidationList } from "./validation-list";
import { WriteError } from "./write-error";
import { YamlEditor, type EditorMarker, type YamlEditorHandle } from "./yaml-editor";

export function EditorWorkspace({
  text,
  onChange,
  markers,
  findings,
  references,
  checking,
  validationError,
  editorRef,
  onJump,
  label,
}: {
  text: string;
  onChange: (text: string) => void;
  markers: readonly EditorMarker[];
  findings: readonly Finding[];
  references: readonly ObjectReference[];
  checking: boolean;
  validationError: Error | null;
  editorRef: Ref<YamlEditorHandle>;
  onJump: (line: number, column: number) => void;
  label: string;
}) {
  return (
    <div className="grid min-h-0 flex-1 gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="h-[65vh] min-h-80">
        <YamlEditor ref={editorRef} value={text} onChange={onChange} markers={markers} label={label} />
      </div>
      <aside
        className="space-y-5 overflow-auto rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
        aria-label="Findings and references"
      >
        {validationError && <WriteError error={validationError} title="The YAML could not be checked" />}
        <ValidationList findings={findings} onJump={onJump} checking={checking} />
        <ReferenceList references={references} />
      </aside>
    </div>
  );
}
