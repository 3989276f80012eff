"use client";

/**
 * The edge panel's "Why these flags" section: for each error flag of the edge, its share, the
 * likely cause in the current config, the blamed fields linked to their line in the editor,
 * who set them (audit log) and the figures the cause was judged by. Data from
 * GET /api/namespaces/{ns}/graph/explain for the graph's own window. The node panel's section
 * (node-flag-explanation-section.tsx) renders its answer with the same body.
 */
import type { ReactNode } from "react";
import Link from "next/link";
import { objectLineHref } from "@/components/istio-config/links";
import { MessageText } from "@/components/ui/message-text";
import type { FlagCause, FlagExplanation, FlagExplanationQuery } from "@/lib/contracts/flag-explanation";
import { formatPercent } from "@/lib/graph-view/edge-labels";
import { useFlagExplanation } from "@/lib/queries/flag-explanation";
import { PanelSection } from "./panel-parts";

function CauseLink({ cause }: { cause: FlagCause }) {
  const where = cause.line === null ? "" : `, line ${cause.line}`;
  return (
    <li>
      <Link
        href={objectLineHref(cause.kind, cause.namespace, cause.name, cause.line)}
        className="text-sky-700 underline dark:text-sky-400"
      >
        {cause.kind} {cause.namespace}/{cause.name}
        {where}
      </Link>{" "}
      <span className="font-mono text-xs">
        {cause.path}: {cause.value}
      </span>
      {cause.change && (
        <span className="text-slate-500">
          {" "}
          — set by {cause.change.actor} ({cause.change.source}) on {new Date(cause.change.at).toLocaleString()}
        </span>
      )}
    </li>
  );
}

function FlagCard({ explanation: e, children }: { explanation: FlagExplanation; children?: ReactNode }) {
  return (
    <li className="space-y-1" data-testid="flag-explanation" data-flag={e.flag} data-explained={e.explained}>
      <p>
        <span className="font-mono font-medium">
          {e.code === "-" ? "no response" : e.code} {e.flag}
        </span>{" "}
        {formatPercent(e.percent)} <span className="text-slate-500">— {e.meaning}</span>
      </p>
      {e.because.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
      {e.causes.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-4">
          {e.causes.map((c) => (
            <CauseLink key={`${c.kind}/${c.namespace}/${c.name}/${c.path}`} cause={c} />
          ))}
        </ul>
      )}
      {e.figures.map((f) => (
        <p key={f.label} className="text-slate-600 dark:text-slate-300">
          {f.label}: <span className="tabular-nums">{f.value}</span>
        </p>
      ))}
      {children}
    </li>
  );
}

/** What the body needs of a query's state, whichever endpoint answered. */
export interface ExplanationState<T extends FlagExplanation> {
  isPending: boolean;
  error: Error | null;
  data?: { flags: T[]; notes: string[] };
}

/** The explanation's body, shared by the edge and node panels; `more` adds to each flag's card (a node's callers). */
export function FlagExplanationBody<T extends FlagExplanation>({
  explanation,
  more,
}: {
  explanation: ExplanationState<T>;
  more?: (e: T) => ReactNode;
}) {
  return (
    <div className="space-y-2 text-sm">
      {explanation.isPending && <p role="status">Reading the config and the telemetry behind the flags…</p>}
      {explanation.error && (
        <p role="alert" className="text-red-800 dark:text-red-300">
          <MessageText text={explanation.error.message} />
        </p>
      )}
      {explanation.data && explanation.data.flags.length === 0 && <p>No error flags in this window any more.</p>}
      {explanation.data && (
        <ul className="space-y-3">
          {explanation.data.flags.map((e) => (
            <FlagCard key={`${e.code} ${e.flag}`} explanation={e}>
              {more?.(e)}
            </FlagCard>
          ))}
        </ul>
      )}
      {explanation.data?.notes.map((note) => (
        <p key={note} className="text-slate-500">
          {note}
        </p>
      ))}
    </div>
  );
}

export function FlagExplanationSection({ query }: { query: FlagExplanationQuery }) {
  const explanation = useFlagExplanation(query);
  return (
    <PanelSection title="Why these response flags">
      <FlagExplanationBody explanation={explanation} />
    </PanelSection>
  );
}
