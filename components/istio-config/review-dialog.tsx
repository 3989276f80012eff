"use client";

/**
 * Save, step by step: the server validates the change and runs it through the API server as
 * a dry run (istiod's webhook included), the user sees the difference between the live
 * object and what would be stored, and only then applies it. A change that routes to a
 * subset that cannot serve needs the user's explicit confirmation first. A 409 conflict on an
 * edit goes to the conflict screen; every other refusal is explained here and nothing is applied.
 */
import { Dialog } from "radix-ui";
import { useEffect, useMemo, useState } from "react";
import { boundedLineDiff } from "@/lib/bounded-line-diff";
import type { ApplyResponse, WriteRequest } from "@/lib/contracts/istio-objects";
import { ApiError } from "@/lib/queries/fetch-json";
import { useApplyIstioYaml, usePreviewIstioYaml } from "@/lib/queries/istio-objects";
import { buttonClass, dialogClass, overlayClass } from "./dialog-parts";
import { WriteError } from "./write-error";
import { YamlDiff } from "@/components/ui/yaml-diff";
import { RouteRiskConfirmation, risksConfirmed } from "@/components/ui/route-risk-confirmation";
import type { RouteRiskKind } from "@/lib/contracts/route-risks";

const isEditConflict = (request: WriteRequest, error: unknown) =>
  request.mode === "update" && error instanceof ApiError && error.code === "conflict";

export function ReviewDialog({
  request,
  onClose,
  onApplied,
  onConflict,
  onJump,
}: {
  /** The change to review; null = closed. */
  request: WriteRequest | null;
  onClose: () => void;
  onApplied: (result: ApplyResponse) => void;
  onConflict: () => void;
  onJump: (line: number, column: number) => void;
}) {
  const preview = usePreviewIstioYaml();
  const apply = useApplyIstioYaml();
  const { mutate: runPreview, reset: resetPreview } = preview;
  const { reset: resetApply } = apply;
  // A confirmation answers one preview: a new preview (another request) asks again.
  const [confirmation, setConfirmation] = useState<{ of: unknown; kinds: RouteRiskKind[] }>({ of: null, kinds: [] });

  useEffect(() => {
    resetApply();
    if (!request) return resetPreview();
    runPreview(request, { onError: (error) => isEditConflict(request, error) && onConflict() });
  }, [request, runPreview, resetPreview, resetApply, onConflict]);

  const result = preview.data;
  const change = useMemo(() => boundedLineDiff(result?.before ?? "", result?.after ?? ""), [result]);
  const unchanged = result?.action === "unchanged";
  const warnings = result?.checks.filter((c) => c.severity !== "error") ?? [];
  const routeRisks = result?.routeRisks ?? [];
  const confirmed = result && confirmation.of === result ? confirmation.kinds : [];
  const setConfirmed = (kinds: RouteRiskKind[]) => setConfirmation({ of: result, kinds });
  const jumpAndClose = (line: number, column: number) => {
    onClose();
    onJump(line, column);
  };

  return (
    <Dialog.Root open={request !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className={overlayClass} />
        <Dialog.Content className={dialogClass} aria-describedby="review-description">
          <Dialog.Title className="text-lg font-semibold">
            {request?.mode === "create" ? "Review the new object" : "Review your change"}
          </Dialog.Title>
          <Dialog.Description id="review-description" className="text-sm text-slate-600 dark:text-slate-400">
            Checked by Topsail&apos;s validation and by the API server in a dry run. Nothing is stored until you apply.
          </Dialog.Description>

          {preview.isPending && (
            <p role="status" className="text-sm">
              Validating and dry-running the change on the API server…
            </p>
          )}
          {preview.error && !(request && isEditConflict(request, preview.error)) && (
            <WriteError error={preview.error} onJump={jumpAndClose} />
          )}
          {result && (
            <div className="space-y-3">
              <p
                role="status"
                className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-950 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
              >
                {unchanged
                  ? "The YAML is the same as the live object: there is nothing to apply."
                  : `The API server accepted the dry run: this will ${result.action} the object.`}
              </p>
              {warnings.length > 0 && (
                <p className="text-sm text-amber-800 dark:text-amber-300">
                  {warnings.length} {warnings.length === 1 ? "warning" : "warnings"} remain (see the validation list);
                  they do not block the change.
                </p>
              )}
              {result.changedPaths.length > 0 && result.action === "update" && (
                <div className="text-sm">
                  <p className="font-medium">Fields that change</p>
                  <ul aria-label="Fields that change" className="mt-1 flex flex-wrap gap-1">
                    {result.changedPaths.map((p) => (
                      <li key={p} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
                        {p}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <RouteRiskConfirmation risks={routeRisks} confirmed={confirmed} onChange={setConfirmed} />
              {!unchanged && (
                <YamlDiff
                  title="The change"
                  diff={change.diff}
                  omitted={change.diffOmitted}
                  sides={{
                    before: result.before ? "Live now" : "Nothing yet",
                    after: "After applying (dry-run result)",
                  }}
                />
              )}
            </div>
          )}
          {apply.error && !(request && isEditConflict(request, apply.error)) && (
            <WriteError error={apply.error} onJump={jumpAndClose} />
          )}

          <div className="flex justify-end gap-2">
            <Dialog.Close className={buttonClass.secondary}>Back to editing</Dialog.Close>
            <button
              type="button"
              className={buttonClass.primary}
              disabled={!result || unchanged || apply.isPending || !request || !risksConfirmed(routeRisks, confirmed)}
              onClick={() =>
                request &&
                apply.mutate(confirmed.length > 0 ? { ...request, confirm: confirmed } : request, {
                  onSuccess: onApplied,
                  onError: (error) => isEditConflict(request, error) && onConflict(),
                })
              }
            >
              {apply.isPending ? "Applying…" : request?.mode === "create" ? "Create" : "Apply"}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
