"use client";

/** Delete with confirmation, through the write path, only if nobody changed the object since it was loaded. */
import { AlertDialog } from "radix-ui";
import { useState } from "react";
import type { ObjectRef } from "@/lib/contracts/istio-objects";
import { useDeleteIstioObject } from "@/lib/queries/istio-objects";
import { buttonClass, dialogClass, overlayClass } from "./dialog-parts";
import { WriteError } from "./write-error";

export function DeleteDialog({
  objectRef,
  kind,
  resourceVersion,
  onDeleted,
}: {
  objectRef: ObjectRef;
  kind: string;
  resourceVersion: string;
  onDeleted: () => void;
}) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteIstioObject();
  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) remove.reset();
      }}
    >
      <AlertDialog.Trigger className={buttonClass.secondary}>Delete…</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClass} />
        <AlertDialog.Content className={`${dialogClass} w-[min(32rem,95vw)]`}>
          <AlertDialog.Title className="text-lg font-semibold">
            Delete {kind} {objectRef.namespace}/{objectRef.name}?
          </AlertDialog.Title>
          <AlertDialog.Description className="text-sm text-slate-600 dark:text-slate-400">
            Traffic rules that depend on it stop applying at once. The deletion is recorded in the audit log with the
            object as it was, so it can be re-created.
          </AlertDialog.Description>
          {remove.error && <WriteError error={remove.error} />}
          <div className="flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonClass.secondary}>Keep it</AlertDialog.Cancel>
            <button
              type="button"
              className={buttonClass.danger}
              disabled={remove.isPending}
              onClick={() => remove.mutate({ ref: objectRef, resourceVersion }, { onSuccess: onDeleted })}
            >
              {remove.isPending ? "Deleting…" : "Delete"}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
