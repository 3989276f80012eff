/** What the flag rules take and give (explain-flags.ts runs them; one file per family of flags). */
import "server-only";
import type { EdgeObservations, FlagFigure } from "@/lib/contracts/flag-explanation";
import type { IstioObject } from "@/lib/istio/types/common";
import type { EdgeScope } from "./explain-flags-config";

/** One response code and flag of the edge, with its share of the edge's requests (%). */
export interface FlagShare {
  code: string;
  /** One Envoy flag ("UO"); "-" for none. */
  flag: string;
  percent: number;
}

/** A config field a rule blames: the object itself (its YAML is where the line is found), the path and what it says. */
export interface CauseAt {
  object: IstioObject<string, unknown>;
  path: string;
  value: string;
}

export interface RuleAnswer {
  explained: boolean;
  because: string[];
  causes: CauseAt[];
  figures: FlagFigure[];
}

export interface RuleInput {
  share: FlagShare;
  scope: EdgeScope;
  observed: EdgeObservations;
  /** Every flag share of the edge, for rules whose flag follows from another (URX after UF/UO). */
  shares: readonly FlagShare[];
}

export type FlagRule = (input: RuleInput) => RuleAnswer;

/** `kind namespace/name`, the way the panel names an object in a sentence. */
export const nameOf = (o: IstioObject<string, unknown>) =>
  `${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name ?? ""}`;
