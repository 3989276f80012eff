"use client";

import type { RequestRoutingInput, RoutingRuleInput, TrafficState } from "@/lib/contracts/traffic";
import { buttonClass } from "./fields";
import { RoutingRuleCard } from "./routing-rule-card";
import { unreachableRules } from "./unreachable-rules";

const isCatchAll = (rule: RoutingRuleInput) => rule.matches.length === 0;

/**
 * Ordered rules, first match wins. The catch-all stays last (new rules go before it), and a
 * rule that can never match says so.
 */
export function RequestRoutingForm({
  state,
  value,
  onChange,
}: {
  state: TrafficState;
  value: RequestRoutingInput;
  onChange(value: RequestRoutingInput): void;
}) {
  const rules = value.rules;
  const warnings = unreachableRules(rules);
  const setRules = (next: RoutingRuleInput[]) => onChange({ rules: next });
  const move = (from: number, to: number) => {
    const next = [...rules];
    const [rule] = next.splice(from, 1);
    if (rule) next.splice(to, 0, rule);
    setRules(next);
  };
  const catchAllAt = rules.findIndex(isCatchAll);
  const addRule = () => {
    const fresh: RoutingRuleInput = {
      matches: [{ headers: [{ name: "end-user", type: "exact", value: "" }], uri: null, method: null }],
      routes: [{ subset: state.subsets[0]?.name ?? null, weight: 100 }],
    };
    const next = [...rules];
    next.splice(catchAllAt >= 0 ? catchAllAt : next.length, 0, fresh);
    setRules(next);
  };
  return (
    <div className="flex flex-col gap-3">
      <ol className="flex flex-col gap-3">
        {rules.map((rule, i) => (
          <li key={i}>
            <RoutingRuleCard
              index={i}
              rule={rule}
              state={state}
              warning={warnings.get(i)}
              onChange={(r) => setRules(rules.map((x, j) => (j === i ? r : x)))}
              onRemove={rules.length > 1 ? () => setRules(rules.filter((_, j) => j !== i)) : undefined}
              onMoveUp={i > 0 && !isCatchAll(rule) ? () => move(i, i - 1) : undefined}
              onMoveDown={
                i < rules.length - 1 && !isCatchAll(rule) && !isCatchAll(rules[i + 1] ?? rule)
                  ? () => move(i, i + 1)
                  : undefined
              }
            />
          </li>
        ))}
      </ol>
      <div className="flex gap-2">
        <button type="button" className={buttonClass} onClick={addRule}>
          Add rule
        </button>
        {catchAllAt < 0 && (
          <button
            type="button"
            className={buttonClass}
            onClick={() => setRules([...rules, { matches: [], routes: [{ subset: null, weight: 100 }] }])}
          >
            Add catch-all
          </button>
        )}
      </div>
      {catchAllAt < 0 && <p className="text-xs text-warn">No catch-all rule: requests that match no rule get 404.</p>}
    </div>
  );
}
