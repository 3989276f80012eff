"use client";

/**
 * The detail page of one Istio object: the YAML editor with live validation, references,
 * and Save as review (validation + dry-run + diff) → apply with the loaded resourceVersion.
 * A 409 switches to the conflict screen, from which the user re-applies the edit on top of
 * the newer version or takes theirs. This component owns the wiring only.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { MessageText } from "@/components/ui/message-text";
import type { ApplyResponse, ObjectRef, WriteRequest } from "@/lib/contracts/istio-objects";
import { resolveIstioKind } from "@/lib/istio/kinds";
import { ApiError } from "@/lib/queries/fetch-json";
import { fetchLiveIstioObject, useIstioObject } from "@/lib/queries/istio-objects";
import { ConflictPanel, type LoadedVersion } from "./conflict-panel";
import { useCan } from "@/lib/queries/permissions";
import { DeleteDialog } from "./delete-dialog";
import { buttonClass } from "./dialog-parts";
import { EditorWorkspace } from "./editor-workspace";
import { ReviewDialog } from "./review-dialog";
import { useLiveValidation } from "./use-live-validation";
import type { YamlEditorHandle } from "./yaml-editor";

/** `line`: where the editor opens (a link to a field, such as the graph's flag explainer's). */
export function ObjectEditorView({ objectRef, line }: { objectRef: ObjectRef; line?: number }) {
  const kind = resolveIstioKind(objectRef.kind)?.kind ?? objectRef.kind;
  const detail = useIstioObject(objectRef);
  if (detail.isPending)
    return (
      <p role="status">
        Loading {kind} {objectRef.namespace}/{objectRef.name}…
      </p>
    );
  if (detail.error) {
    const missing = detail.error instanceof ApiError && detail.error.code === "not_found";
    return (
      <div role="alert" className="mx-auto max-w-xl space-y-3 py-12">
        <h1 className="text-xl font-semibold">
          {missing ? "This object does not exist" : "The object could not be loaded"}
        </h1>
        <p className="text-sm">
          <MessageText text={detail.error.message} />
        </p>
        <Link href={`/istio?namespaces=${encodeURIComponent(objectRef.namespace)}`} className={buttonClass.secondary}>
          Back to the Istio config list
        </Link>
      </div>
    );
  }
  return (
    <LoadedObjectEditor
      objectRef={objectRef}
      kind={kind}
      initial={{ yaml: detail.data.yaml, resourceVersion: detail.data.resourceVersion }}
      line={line}
    />
  );
}

/** The editor proper: it copies the loaded version once, so a refetch never replaces what the user is editing. */
function LoadedObjectEditor({
  objectRef,
  kind,
  initial,
  line,
}: {
  objectRef: ObjectRef;
  kind: string;
  initial: LoadedVersion;
  line?: number;
}) {
  const router = useRouter();
  const client = useQueryClient();
  const editor = useRef<YamlEditorHandle>(null);
  const [loaded, setLoaded] = useState<LoadedVersion>(initial);
  const [text, setText] = useState(initial.yaml);
  const [review, setReview] = useState<WriteRequest | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const target = useMemo(
    () => ({ namespace: objectRef.namespace, kind, name: objectRef.name }),
    [objectRef.namespace, objectRef.name, kind],
  );
  const validation = useLiveValidation(target, text);
  const jump = useCallback((line: number, column: number) => editor.current?.jumpTo(line, column), []);
  // Once, when the loaded text is first shown: a refetch or an edit never moves the cursor back.
  useEffect(() => {
    if (line !== undefined) jump(line, 1);
  }, [jump, line]);
  const dirty = text !== loaded.yaml;
  const mayUpdate = useCan(objectRef.namespace, "updateIstioConfig");
  const mayDelete = useCan(objectRef.namespace, "deleteIstioConfig");

  const openReview = (base: LoadedVersion, yaml: string) => {
    setSaved(null);
    setReview({ mode: "update", yaml, target, baseResourceVersion: base.resourceVersion });
  };
  const onConflict = useCallback(() => {
    setReview(null);
    setConflict(true);
  }, []);
  const onApplied = async (result: ApplyResponse) => {
    setReview(null);
    const fresh = await fetchLiveIstioObject(client, objectRef);
    setLoaded({ yaml: fresh.yaml, resourceVersion: fresh.resourceVersion });
    setText(fresh.yaml);
    setSaved(
      `Saved ${kind} ${objectRef.namespace}/${objectRef.name} (version ${result.resourceVersion ?? fresh.resourceVersion})${result.auditId ? "; recorded in the audit log" : ""}.`,
    );
  };

  return (
    <div className="flex flex-col gap-4" data-testid="object-editor" data-resource-version={loaded.resourceVersion}>
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
            <Link href={`/istio?namespaces=${encodeURIComponent(objectRef.namespace)}`} className="hover:underline">
              Istio config
            </Link>{" "}
            / {objectRef.namespace} / {kind}
          </nav>
          <h1 className="text-2xl font-semibold">{objectRef.name}</h1>
          <p className="text-xs text-slate-500">
            Version {loaded.resourceVersion}
            {dirty ? " · unsaved changes" : ""}
          </p>
        </div>
        <div className="flex gap-2">
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={!dirty}
            onClick={() => setText(loaded.yaml)}
          >
            Revert
          </button>
          {mayDelete && (
            <DeleteDialog
              objectRef={objectRef}
              kind={kind}
              resourceVersion={loaded.resourceVersion}
              onDeleted={() => router.push(`/istio?namespaces=${encodeURIComponent(objectRef.namespace)}`)}
            />
          )}
          {mayUpdate && (
            <button
              type="button"
              className={buttonClass.primary}
              disabled={!dirty || conflict || !validation.inputOk}
              onClick={() => openReview(loaded, text)}
            >
              Review and save…
            </button>
          )}
        </div>
      </header>
      {saved && (
        <p
          role="status"
          className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-950 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
        >
          {saved}
        </p>
      )}
      {dirty && !validation.checking && !validation.inputOk && !conflict && (
        <p className="text-sm text-red-800 dark:text-red-300">
          Fix the YAML problems listed on the right before saving.
        </p>
      )}
      {conflict && (
        <ConflictPanel
          objectRef={objectRef}
          loaded={loaded}
          mine={text}
          onRebased={(theirs, merged) => {
            setConflict(false);
            setLoaded(theirs);
            setText(merged);
            openReview(theirs, merged);
          }}
          onTakeTheirs={(theirs) => {
            setConflict(false);
            setLoaded(theirs);
            setText(theirs.yaml);
          }}
          onRecreate={() => {
            setConflict(false);
            setReview({ mode: "create", yaml: text, namespace: objectRef.namespace });
          }}
        />
      )}
      <EditorWorkspace
        text={text}
        onChange={setText}
        markers={validation.markers}
        findings={validation.findings}
        references={validation.references}
        checking={validation.checking}
        validationError={validation.error}
        editorRef={editor}
        onJump={jump}
        label={`YAML of ${kind} ${objectRef.namespace}/${objectRef.name}`}
      />
      <ReviewDialog
        request={review}
        onClose={() => setReview(null)}
        onApplied={onApplied}
        onConflict={onConflict}
        onJump={jump}
      />
    </div>
  );
}
