"use client";

import { useId, useState } from "react";
import {
  wizardInputSchemas,
  wizardTitles,
  type TrafficState,
  type WizardId,
  type WizardInputs,
} from "@/lib/contracts/traffic";
import { ApiError } from "@/lib/queries/fetch-json";
import { useApplyWizard, usePreviewWizard } from "@/lib/queries/traffic";
import { MessageText } from "@/components/ui/message-text";
import { RouteRiskConfirmation, risksConfirmed } from "@/components/ui/route-risk-confirmation";
import type { RouteRiskKind } from "@/lib/contracts/route-risks";
import { buttonClass, inputClass, primaryButtonClass } from "./fields";
import { fieldErrorsOf, type FieldError } from "./form-errors";
import { FormErrorsProvider, ProblemSummary } from "./form-errors-context";
import { WizardForm } from "./wizard-forms";
import { WizardAppliedView, WizardPreviewView } from "./wizard-review";

/** What is wrong with the form, checked by the same schema the server checks the request with. */
function fieldErrorsFor(wizard: WizardId, value: unknown): FieldError[] {
  const parsed = wizardInputSchemas[wizard].safeParse(value);
  return parsed.success ? [] : fieldErrorsOf(parsed.error.issues);
}

function errorText(error: unknown): string {
  if (error instanceof ApiError && error.code === "conflict")
    return `${error.message} Close the wizard and open it again to start from the live objects.`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * One wizard's form, preview and apply. Preview runs the whole write path but the write
 * (validation, server dry-run) and shows each object's diff; Apply sends the same input with
 * the resourceVersions the form started from, so a change made meanwhile is refused.
 * A field's error shows once the user leaves it; trying to preview a form with errors shows
 * them all, with a list of them below the form (form-errors-context.tsx).
 */
export function WizardBody<W extends WizardId>({
  wizard,
  state,
  start,
}: {
  wizard: W;
  state: TrafficState;
  start: WizardInputs[W];
}) {
  const [value, setValue] = useState<WizardInputs[W]>(start);
  const [comment, setComment] = useState("");
  const [confirmed, setConfirmed] = useState<RouteRiskKind[]>([]);
  const commentId = useId();
  const preview = usePreviewWizard(state.namespace, state.service, wizard);
  const apply = useApplyWizard(state.namespace, state.service, wizard);
  const errors = fieldErrorsFor(wizard, value);
  const [triedToSubmit, setTriedToSubmit] = useState(false);
  const base = {
    virtualService: state.virtualService?.metadata.resourceVersion ?? null,
    destinationRule: state.destinationRule?.metadata.resourceVersion ?? null,
  };
  const request = { input: value, base, ...(comment.trim() ? { comment: comment.trim() } : {}) };

  if (apply.isSuccess) return <WizardAppliedView changes={apply.data.changes} />;

  return (
    <div className="flex flex-col gap-4">
      <FormErrorsProvider errors={errors} showAll={triedToSubmit}>
        <WizardForm
          wizard={wizard}
          state={state}
          value={value}
          onChange={(next) => {
            setValue(next);
            preview.reset();
            setConfirmed([]);
          }}
        />
      </FormErrorsProvider>
      <ProblemSummary errors={errors} shown={triedToSubmit} action="previewing" />
      <div className="flex flex-col gap-1">
        <label htmlFor={commentId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
          Comment for the audit log (optional)
        </label>
        <input
          id={commentId}
          className={inputClass}
          value={comment}
          maxLength={500}
          onChange={(e) => setComment(e.target.value)}
          placeholder={`Why this ${wizardTitles[wizard].toLowerCase()} change`}
        />
      </div>
      {preview.data && <WizardPreviewView preview={preview.data} />}
      {preview.data && (
        <RouteRiskConfirmation risks={preview.data.routeRisks} confirmed={confirmed} onChange={setConfirmed} />
      )}
      {(preview.error || apply.error) && (
        <p role="alert" className="text-sm text-bad">
          <MessageText text={errorText(apply.error ?? preview.error)} />
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={preview.isPending}
          onClick={() => {
            setTriedToSubmit(true);
            if (errors.length === 0) preview.mutate(request);
          }}
        >
          {preview.isPending ? "Previewing…" : "Preview changes"}
        </button>
        <button
          type="button"
          className={primaryButtonClass}
          disabled={
            !preview.data ||
            preview.data.changes.length === 0 ||
            apply.isPending ||
            !risksConfirmed(preview.data.routeRisks, confirmed)
          }
          onClick={() => apply.mutate(confirmed.length > 0 ? { ...request, confirm: confirmed } : request)}
        >
          {apply.isPending ? "Applying…" : "Apply"}
        </button>
      </div>
    </div>
  );
}
