/**
 * The VirtualService's HTTP rules in the order the proxy tries them: the earlier ones that did
 * not match say why ("skipped: …", one reason per match block), the winner says which block
 * matched. Each rule links to its line in the editor.
 */
import type { RuleEvaluation } from "@/lib/contracts/request-explanation";
import { ConfigRefLink } from "./config-ref-link";

function ruleTitle(rule: RuleEvaluation): string {
  return rule.name ? `rule ${rule.index} (${rule.name})` : `rule ${rule.index}`;
}

export function HopRules({ rules }: { rules: readonly RuleEvaluation[] }) {
  return (
    <ol aria-label="HTTP rules in order" className="space-y-1.5">
      {rules.map((rule) => (
        <li
          key={rule.index}
          data-testid="rule"
          data-rule={rule.index}
          data-matched={rule.matched}
          className={`rounded-md border px-3 py-1.5 text-sm ${
            rule.matched
              ? "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950"
              : "border-slate-200 text-slate-700 dark:border-slate-800 dark:text-slate-300"
          }`}
        >
          <p>
            <span aria-hidden="true" className="mr-1 font-semibold">
              {rule.matched ? "✓" : "✗"}
            </span>
            <ConfigRefLink configRef={rule.ref}>{ruleTitle(rule)}</ConfigRefLink>{" "}
            <span className="font-medium">{rule.matched ? "matched" : "skipped"}</span>
            {!rule.matched && rule.reasons.length === 1 && <>: {rule.reasons[0]}</>}
            {rule.matched && rule.reasons.length === 1 && <> — {rule.reasons[0]}</>}
          </p>
          {rule.reasons.length > 1 && (
            <ul className="list-disc pl-6 text-xs">
              {rule.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
