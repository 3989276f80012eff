"use client";

/**
 * Create from YAML: pick a namespace and a kind's template (or paste), validate live, review with a dry run, create.
 */
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import type { ApplyResponse, WriteRequest } from "@/lib/contracts/istio-objects";
import { istioKinds, type IstioKind } from "@/lib/istio/kinds";
import { useNamespaces } from "@/lib/queries/namespaces";
import { buttonClass } from "./dialog-parts";
import { EditorWorkspace } from "./editor-workspace";
import { objectHref } from "./links";
import { ReviewDialog } from "./review-dialog";
import { templateFor } from "./templates";
import { useLiveValidation } from "./use-live-validation";
import type { YamlEditorHandle } from "./yaml-editor";

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

function isKind(value: string | null): value is IstioKind {
  return istioKinds.some((k) => k.kind === value);
}

export function CreateObjectView() {
  const search = useSearchParams();
  const router = useRouter();
  const namespaces = useNamespaces();
  const [namespace, setNamespace] = useState(search.get("namespace") ?? "");
  const initialKind = search.get("kind");
  const [kind, setKind] = useState<IstioKind>(isKind(initialKind) ? initialKind : "VirtualService");
  const [text, setText] = useState(() => templateFor(kind, namespace || "default"));
  const [touched, setTouched] = useState(false);
  const [review, setReview] = useState<WriteRequest | null>(null);
  const editor = useRef<YamlEditorHandle>(null);

  const target = useMemo(() => (namespace ? { namespace } : null), [namespace]);
  const validation = useLiveValidation(target, text);
  const jump = useCallback((line: number, column: number) => editor.current?.jumpTo(line, column), []);
  const noop = useCallback(() => undefined, []);

  const chooseTemplate = (nextKind: IstioKind, nextNamespace: string) => {
    // A template replaces the text only while the user has not written anything of their own.
    if (!touched) setText(templateFor(nextKind, nextNamespace || "default"));
  };
  const onApplied = (result: ApplyResponse) => {
    setReview(null);
    router.push(objectHref(result.kind, result.namespace, result.name, result.namespace));
  };

  return (
    <div className="flex flex-col gap-4" data-testid="create-object">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">New Istio object</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Write or paste one object. It is validated as you type and dry-run on the API server before it is created.
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col text-xs font-medium">
            Namespace
            <select
              className={selectClass}
              value={namespace}
              onChange={(e) => {
                setNamespace(e.target.value);
                chooseTemplate(kind, e.target.value);
              }}
            >
              <option value="">Choose…</option>
              {(namespaces.data?.namespaces ?? []).map((ns) => (
                <option key={ns.name} value={ns.name}>
                  {ns.name}
                </option>
              ))}
              {namespace && !namespaces.data?.namespaces.some((ns) => ns.name === namespace) && (
                <option value={namespace}>{namespace}</option>
              )}
            </select>
          </label>
          <label className="flex flex-col text-xs font-medium">
            Template
            <select
              className={selectClass}
              value={kind}
              onChange={(e) => {
                const next = e.target.value as IstioKind;
                setKind(next);
                chooseTemplate(next, namespace);
              }}
            >
              {istioKinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.kind}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className={buttonClass.primary}
            disabled={!namespace || !validation.inputOk}
            onClick={() => setReview({ mode: "create", yaml: text, namespace })}
          >
            Review and create…
          </button>
        </div>
      </header>
      {!namespace && (
        <p className="text-sm text-amber-800 dark:text-amber-300">Choose the namespace the object goes to.</p>
      )}
      <EditorWorkspace
        text={text}
        onChange={(next) => {
          setTouched(true);
          setText(next);
        }}
        markers={validation.markers}
        findings={validation.findings}
        references={validation.references}
        checking={target !== null && validation.checking}
        validationError={validation.error}
        editorRef={editor}
        onJump={jump}
        label="YAML of the new object"
      />
      <ReviewDialog
        request={review}
        onClose={() => setReview(null)}
        onApplied={onApplied}
        onConflict={noop}
        onJump={jump}
      />
    </div>
  );
}
