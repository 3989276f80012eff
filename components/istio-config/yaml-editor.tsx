"use client";

/**
 * A CodeMirror 6 YAML editor with validation markers. The text is owned by the parent
 * (`value` / `onChange`); markers are replaced only when a new set arrives, and in between
 * CodeMirror maps them through the user's edits, so they stay on their lines while typing.
 * Works under the console's CSP: CodeMirror needs no eval and only inline styles.
 */
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Annotation, EditorSelection, EditorState, type Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useImperativeHandle, useRef, type Ref } from "react";

export interface EditorMarker {
  line: number;
  column: number;
  /** Where the marked node ends (1-based, exclusive column); absent = to the end of the line. */
  end?: { line: number; column: number };
  severity: "error" | "warning" | "info";
  message: string;
}

export interface YamlEditorHandle {
  /** Moves the cursor to a line (1-based), scrolls it into view and focuses the editor. */
  jumpTo(line: number, column?: number): void;
}

/** Marks text set from outside, so it is not reported back as the user's edit. */
const fromOutside = Annotation.define<boolean>();

const editorTheme = EditorView.theme({
  "&": { fontSize: "13px", height: "100%" },
  ".cm-scroller": { fontFamily: "var(--font-mono)" },
});

/** A 1-based line and column as a document offset, clamped into the document. */
function offsetAt(doc: Text, lineNumber: number, column: number): number {
  const line = doc.line(Math.min(Math.max(lineNumber, 1), doc.lines));
  return Math.min(line.from + Math.max(column - 1, 0), line.to);
}

/** A marker covers its node (`weight: "lots"`); when the node's end is unknown, the rest of its line. */
export function toDiagnostic(doc: Text, marker: EditorMarker): Diagnostic {
  const from = offsetAt(doc, marker.line, marker.column);
  const lineEnd = doc.lineAt(from).to;
  const end = marker.end ? offsetAt(doc, marker.end.line, marker.end.column) : lineEnd;
  // An empty or backwards span (a node with no text, say) would be invisible: mark the rest of the line.
  const to = end > from ? end : lineEnd;
  return { from, to, severity: marker.severity, message: marker.message };
}

export function YamlEditor({
  value,
  onChange,
  markers,
  label,
  readOnly = false,
  ref,
}: {
  value: string;
  onChange?: (text: string) => void;
  markers?: readonly EditorMarker[];
  label: string;
  readOnly?: boolean;
  ref?: Ref<YamlEditorHandle>;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          editorTheme,
          EditorState.readOnly.of(readOnly),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromOutside)))
              onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label, readOnly]);

  // A new text from outside (loaded, rebased, discarded) replaces the document.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value)
      editor.dispatch({
        changes: { from: 0, to: editor.state.doc.length, insert: value },
        annotations: fromOutside.of(true),
      });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    editor.dispatch(
      setDiagnostics(
        editor.state,
        (markers ?? []).map((m) => toDiagnostic(editor.state.doc, m)),
      ),
    );
  }, [markers]);

  useImperativeHandle(ref, () => ({
    jumpTo(line, column = 1) {
      const editor = view.current;
      if (!editor) return;
      const target = editor.state.doc.line(Math.min(Math.max(line, 1), editor.state.doc.lines));
      const pos = Math.min(target.from + Math.max(column - 1, 0), target.to);
      editor.dispatch({
        selection: EditorSelection.cursor(pos),
        effects: EditorView.scrollIntoView(pos, { y: "center" }),
      });
      editor.focus();
    },
  }));

  return (
    <div
      ref={host}
      data-testid="yaml-editor"
      className="h-full min-h-64 overflow-hidden rounded-md border border-slate-300 bg-white text-slate-900 dark:border-slate-700"
    />
  );
}
