"use client";

import {
  httpMethods,
  stringMatchTypes,
  type RouteMatchInput,
  type RoutingRuleInput,
  type TrafficState,
} from "@/lib/contracts/traffic";
import { buttonClass, inputClass } from "./fields";
import { FieldWithError, GroupError } from "./form-errors-context";
import { removeWeight } from "./rebalance-weights";

const typeOptions = stringMatchTypes;
const noMatch: RouteMatchInput = { headers: [], uri: null, method: null };

function MatchBlock({
  rule,
  block,
  value,
  onChange,
  onRemove,
}: {
  rule: number;
  block: number;
  value: RouteMatchInput;
  onChange(v: RouteMatchInput): void;
  onRemove(): void;
}) {
  const label = `Rule ${rule + 1} match ${block + 1}`;
  const key = `rules.${rule}.matches.${block}`;
  return (
    <fieldset className="flex flex-col gap-2 rounded border border-dashed border-slate-300 p-2 dark:border-slate-600">
      <legend className="px-1 text-xs text-slate-500">{block === 0 ? "Match when" : "or when"}</legend>
      {value.headers.map((h, k) => (
        <div key={k} className="flex flex-wrap items-center gap-2">
          <span className="text-xs">header</span>
          <FieldWithError errorKey={`${key}.headers.${k}.name`}>
            {(field) => (
              <input
                aria-label={`${label} header ${k + 1} name`}
                className={`${inputClass} w-28`}
                value={h.name}
                onChange={(e) =>
                  onChange({
                    ...value,
                    headers: value.headers.map((x, j) => (j === k ? { ...x, name: e.target.value.toLowerCase() } : x)),
                  })
                }
                {...field}
              />
            )}
          </FieldWithError>
          <select
            aria-label={`${label} header ${k + 1} match type`}
            className={inputClass}
            value={h.type}
            onChange={(e) =>
              onChange({
                ...value,
                headers: value.headers.map((x, j) => (j === k ? { ...x, type: e.target.value as typeof h.type } : x)),
              })
            }
          >
            {typeOptions.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <FieldWithError errorKey={`${key}.headers.${k}.value`}>
            {(field) => (
              <input
                aria-label={`${label} header ${k + 1} value`}
                className={`${inputClass} w-32`}
                value={h.value}
                onChange={(e) =>
                  onChange({
                    ...value,
                    headers: value.headers.map((x, j) => (j === k ? { ...x, value: e.target.value } : x)),
                  })
                }
                {...field}
              />
            )}
          </FieldWithError>
          <button
            type="button"
            className={buttonClass}
            aria-label={`Remove ${label} header ${k + 1}`}
            onClick={() => onChange({ ...value, headers: value.headers.filter((_, j) => j !== k) })}
          >
            ×
          </button>
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs">uri</span>
        <select
          aria-label={`${label} uri match type`}
          className={inputClass}
          value={value.uri?.type ?? ""}
          onChange={(e) =>
            onChange({
              ...value,
              uri: e.target.value === "" ? null : { type: e.target.value as "exact", value: value.uri?.value ?? "/" },
            })
          }
        >
          <option value="">any</option>
          {typeOptions.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        {value.uri && (
          <FieldWithError errorKey={`${key}.uri.value`}>
            {(field) => (
              <input
                aria-label={`${label} uri`}
                className={`${inputClass} w-40`}
                value={value.uri?.value ?? ""}
                onChange={(e) => value.uri && onChange({ ...value, uri: { ...value.uri, value: e.target.value } })}
                {...field}
              />
            )}
          </FieldWithError>
        )}
        <span className="text-xs">method</span>
        <select
          aria-label={`${label} method`}
          className={inputClass}
          value={value.method ?? ""}
          onChange={(e) =>
            onChange({ ...value, method: e.target.value === "" ? null : (e.target.value as RouteMatchInput["method"]) })
          }
        >
          <option value="">any</option>
          {httpMethods.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass}
          onClick={() => onChange({ ...value, headers: [...value.headers, { name: "", type: "exact", value: "" }] })}
        >
          Add header
        </button>
        <button type="button" className={buttonClass} onClick={onRemove}>
          Remove match
        </button>
      </div>
    </fieldset>
  );
}

/** One routing rule: its match blocks (ORed; conditions in a block ANDed) and its weighted destinations. */
export function RoutingRuleCard(props: {
  index: number;
  rule: RoutingRuleInput;
  state: TrafficState;
  warning?: string;
  onChange(rule: RoutingRuleInput): void;
  onRemove?: () => void;
  onMoveUp?: () => void;
  onMoveDown?: () => void;
}) {
  const { index, rule, state, warning, onChange } = props;
  const catchAll = rule.matches.length === 0;
  // Removing a destination gives its weight to the others as moving its slider to 0 would (rebalance-weights.ts).
  const removeRoute = (k: number) => {
    const rest = removeWeight(
      rule.routes.map((r) => ({ subset: r.subset ?? "", weight: r.weight, locked: false })),
      k,
    );
    onChange({
      ...rule,
      routes: rule.routes.filter((_, j) => j !== k).map((r, j) => ({ ...r, weight: rest[j]?.weight ?? r.weight })),
    });
  };
  const subsetOptions = [
    { value: "", label: `${state.service} (any version)` },
    ...state.subsets.map((s) => ({ value: s.name, label: s.inDestinationRule ? s.name : `${s.name} (new subset)` })),
  ];
  return (
    <section
      aria-label={`Rule ${index + 1}${catchAll ? " (catch-all)" : ""}`}
      className="flex flex-col gap-2 rounded border border-slate-200 p-3 dark:border-slate-700"
    >
      <header className="flex items-center gap-2">
        <h3 className="text-sm font-medium">
          Rule {index + 1}
          {catchAll ? " — catch-all (every other request)" : ""}
        </h3>
        <span className="ml-auto flex gap-1">
          <button
            type="button"
            className={buttonClass}
            disabled={!props.onMoveUp}
            onClick={props.onMoveUp}
            aria-label={`Move rule ${index + 1} up`}
          >
            ↑
          </button>
          <button
            type="button"
            className={buttonClass}
            disabled={!props.onMoveDown}
            onClick={props.onMoveDown}
            aria-label={`Move rule ${index + 1} down`}
          >
            ↓
          </button>
          <button
            type="button"
            className={buttonClass}
            disabled={!props.onRemove}
            onClick={props.onRemove}
            aria-label={`Remove rule ${index + 1}`}
          >
            Remove
          </button>
        </span>
      </header>
      {warning && (
        <p role="alert" className="text-xs font-medium text-warn">
          {warning}
        </p>
      )}
      {rule.matches.map((m, b) => (
        <MatchBlock
          key={b}
          rule={index}
          block={b}
          value={m}
          onChange={(v) => onChange({ ...rule, matches: rule.matches.map((x, j) => (j === b ? v : x)) })}
          onRemove={() => onChange({ ...rule, matches: rule.matches.filter((_, j) => j !== b) })}
        />
      ))}
      {!catchAll && (
        <div>
          <button
            type="button"
            className={buttonClass}
            onClick={() => onChange({ ...rule, matches: [...rule.matches, noMatch] })}
          >
            Add “or” match
          </button>
        </div>
      )}
      <div className="flex flex-col gap-1">
        <span className="text-xs font-medium text-slate-600 dark:text-slate-300">Route to</span>
        {rule.routes.map((r, k) => (
          <div key={k} className="flex items-center gap-2">
            <FieldWithError errorKey={`rules.${index}.routes.${k}.subset`}>
              {(field) => (
                <select
                  aria-label={`Rule ${index + 1} destination ${k + 1}`}
                  className={inputClass}
                  value={r.subset ?? ""}
                  onChange={(e) =>
                    onChange({
                      ...rule,
                      routes: rule.routes.map((x, j) =>
                        j === k ? { ...x, subset: e.target.value === "" ? null : e.target.value } : x,
                      ),
                    })
                  }
                  {...field}
                >
                  {subsetOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              )}
            </FieldWithError>
            <FieldWithError errorKey={`rules.${index}.routes.${k}.weight`}>
              {(field) => (
                <input
                  type="number"
                  min={0}
                  max={100}
                  aria-label={`Rule ${index + 1} destination ${k + 1} weight`}
                  className={`${inputClass} w-20`}
                  value={r.weight}
                  onChange={(e) =>
                    onChange({
                      ...rule,
                      routes: rule.routes.map((x, j) => (j === k ? { ...x, weight: Number(e.target.value) } : x)),
                    })
                  }
                  {...field}
                />
              )}
            </FieldWithError>
            %
            {rule.routes.length > 1 && (
              <button
                type="button"
                className={buttonClass}
                aria-label={`Remove rule ${index + 1} destination ${k + 1}`}
                onClick={() => removeRoute(k)}
              >
                ×
              </button>
            )}
          </div>
        ))}
        <div className="flex items-center gap-2">
          <button
            type="button"
            className={buttonClass}
            onClick={() =>
              onChange({
                ...rule,
                routes: [
                  ...rule.routes,
                  {
                    subset: state.subsets.find((s) => !rule.routes.some((x) => x.subset === s.name))?.name ?? null,
                    weight: 0,
                  },
                ],
              })
            }
          >
            Add destination
          </button>
        </div>
        <GroupError errorKey={`rules.${index}.routes`} />
      </div>
    </section>
  );
}
