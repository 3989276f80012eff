"use client";

/**
 * The /explain page: "what happens to this request?" (issue 22). The question is the URL's
 * (a shared link asks it again); the answer comes from
 * GET /api/namespaces/{ns}/explain-request (lib/contracts/request-explanation.ts) and reads hop by hop.
 */
import { MessageText } from "@/components/ui/message-text";
import { explanationRequest } from "@/lib/explain-request/url-state";
import { useRequestExplanation } from "@/lib/queries/request-explanation";
import { ExplainForm } from "./explain-form";
import { HopTree } from "./hop-tree";
import { useExplainUrlState } from "./use-explain-url-state";

export function ExplainView() {
  const [form, submit] = useExplainUrlState();
  const request = explanationRequest(form);
  const question = request.state === "ready" ? { namespace: request.namespace, query: request.query } : undefined;
  const explanation = useRequestExplanation(question);
  const state = !question ? "no-question" : explanation.isPending ? "loading" : explanation.error ? "error" : "loaded";
  return (
    <div className="flex flex-col gap-4" data-testid="explain-view" data-state={state}>
      <h1 className="text-2xl font-semibold">Explain a request</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        What the mesh does with one request: the rule that matches it and why earlier ones do not, where it goes and
        with what share, the policies on the way, and the calls the destination makes next.
      </p>
      <section
        aria-label="Question"
        className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      >
        {/* A new question from the URL (a link, Back) starts a fresh draft. */}
        <ExplainForm key={JSON.stringify(form)} initial={form} onSubmit={submit} />
        {request.state === "invalid" && (
          <p role="alert" className="mt-2 text-sm text-bad">
            The link&apos;s question is not complete: {Object.values(request.errors).join("; ")}.
          </p>
        )}
        {question && explanation.isPending && (
          <p role="status" className="mt-2 text-sm">
            Working out what happens to the request…
          </p>
        )}
        {explanation.error && (
          <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-200" data-testid="explain-error">
            <MessageText text={explanation.error.message} />
          </p>
        )}
      </section>
      {question && explanation.data && (
        <section aria-label="Explanation">
          <HopTree explanation={explanation.data} />
        </section>
      )}
    </div>
  );
}
