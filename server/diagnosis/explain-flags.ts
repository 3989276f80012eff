/**
 * The response-flag explainer (issue 22): for each Envoy response flag an edge's requests
 * carried, its share and its likely cause in the current config. Pure: the edge's identity,
 * its flag shares, the config (a ValidationContext, server/validation/context.ts) and the
 * observed figures in; explanations out. Which rule explains which flag is the table below
 * (a new flag is a new row); each rule lives with its family:
 *
 * - UO: explain-flags-overflow.ts, the DestinationRule's `connectionPool` limits;
 * - UH, NC: explain-flags-subsets.ts, a subset that selects no pod or is not defined;
 * - NR, UT, URX: explain-flags-routes.ts, the VirtualService's matches, timeout and retries;
 * - FI, DI: explain-flags-faults.ts, the VirtualService's `fault`;
 * - UF, UAEX, RBAC and a 403 without a flag: explain-flags-security.ts, the DestinationRule's
 *   `tls`, PeerAuthentications and AuthorizationPolicies.
 *
 * explain-flags-finish.ts then puts each blamed field on its line and adds who set it.
 */
import "server-only";
import type { EdgeObservations } from "@/lib/contracts/flag-explanation";
import type { ValidationContext } from "@/server/validation/context";
import { edgeScope } from "./explain-flags-config";
import { explainAbort, explainDelay } from "./explain-flags-faults";
import { explainOverflow } from "./explain-flags-overflow";
import { explainNoRoute, explainRetriesExhausted, explainTimeout } from "./explain-flags-routes";
import { explainConnectionFailure, explainDenied, explainExternalAuthz } from "./explain-flags-security";
import { explainNoCluster, explainNoHealthyUpstream } from "./explain-flags-subsets";
import type { FlagRule, FlagShare, RuleAnswer } from "./explain-flags-types";

interface FlagRow {
  flag: string;
  /** Only shares with this response code (the 403 the RBAC filter answers carries no flag). */
  code?: string;
  meaning: string;
  rule?: FlagRule;
}

const flagRows: FlagRow[] = [
  { flag: "UO", meaning: "upstream overflow: the connection pool was full (circuit breaking)", rule: explainOverflow },
  { flag: "UH", meaning: "no healthy upstream: no endpoint to send the request to", rule: explainNoHealthyUpstream },
  { flag: "NC", meaning: "no cluster: the route's destination has no cluster", rule: explainNoCluster },
  { flag: "NR", meaning: "no route: no VirtualService rule matched", rule: explainNoRoute },
  { flag: "UT", meaning: "upstream request timeout", rule: explainTimeout },
  { flag: "URX", meaning: "retry limit reached: every attempt failed", rule: explainRetriesExhausted },
  { flag: "FI", meaning: "fault injected: abort", rule: explainAbort },
  { flag: "DI", meaning: "fault injected: delay", rule: explainDelay },
  { flag: "UF", meaning: "upstream connection failure", rule: explainConnectionFailure },
  { flag: "UAEX", meaning: "denied by an external authorizer", rule: explainExternalAuthz },
  { flag: "RBAC", meaning: "denied by an authorization policy", rule: explainDenied },
  { flag: "-", code: "403", meaning: "denied by an authorization policy (RBAC: access denied)", rule: explainDenied },
  { flag: "DC", meaning: "the caller closed the connection before the answer (its own timeout)" },
  { flag: "UC", meaning: "upstream connection terminated" },
  { flag: "URR", meaning: "upstream reset" },
  { flag: "RL", meaning: "rate limited" },
  { flag: "-", meaning: "no proxy flag: the callee answered this code itself" },
];

function rowOf(share: FlagShare): FlagRow | undefined {
  return flagRows.find((r) => r.flag === share.flag && (r.code === undefined || r.code === share.code));
}

const isErrorCode = (code: string) => code === "-" || code === "0" || code.startsWith("4") || code.startsWith("5");

/** What the panel is for: every flag, and no-flag shares that are errors (an app's own 5xx, a 403 denial). */
const worthExplaining = (share: FlagShare) => share.flag !== "-" || isErrorCode(share.code);

export interface ExplainFlagsInput {
  sourceNamespace: string;
  /** The called service. */
  namespace: string;
  service: string;
  /** Shares as the metrics report them; comma-joined flags ("UO,URX") are split. */
  shares: readonly FlagShare[];
  observed: EdgeObservations;
  context: ValidationContext;
}

export interface ExplainedFlag extends RuleAnswer {
  flag: string;
  code: string;
  percent: number;
  meaning: string;
}

/** Each comma-joined flag on its own, shares of the same code and flag added up. */
export function splitShares(shares: readonly FlagShare[]): FlagShare[] {
  const byKey = new Map<string, FlagShare>();
  for (const share of shares)
    for (const flag of share.flag.split(",")) {
      const key = `${share.code} ${flag}`;
      const held = byKey.get(key);
      if (held) held.percent += share.percent;
      else byKey.set(key, { code: share.code, flag, percent: share.percent });
    }
  return [...byKey.values()];
}

export function explainFlags(input: ExplainFlagsInput): ExplainedFlag[] {
  const scope = edgeScope(input.context, input);
  const shares = splitShares(input.shares);
  return shares
    .filter(worthExplaining)
    .sort((a, b) => b.percent - a.percent || a.flag.localeCompare(b.flag))
    .map((share) => {
      const row = rowOf(share);
      const answer: RuleAnswer = row?.rule
        ? row.rule({ share, scope, observed: input.observed, shares })
        : {
            explained: false,
            because: [
              row
                ? `Topsail has no config rule for ${share.flag === "-" ? `a ${share.code} without a flag` : share.flag}: the access log lines of these requests say more.`
                : `${share.flag} is not a flag Topsail knows: Envoy's access log documentation lists them all.`,
            ],
            causes: [],
            figures: [],
          };
      return { ...share, meaning: row?.meaning ?? "unknown flag", ...answer };
    });
}
