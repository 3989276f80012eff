/**
 * A metav1.LabelSelector (`matchLabels` and `matchExpressions`) evaluated against an object's labels, as
 * kube-apiserver evaluates a webhook's `namespaceSelector` and `objectSelector` (apimachinery's
 * `LabelSelectorAsSelector`): every requirement must hold; an absent or empty selector matches everything. An
 * operator the API does not define matches nothing, as the API server refuses such a selector instead of applying it.
 */

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

type Labels = Readonly<Record<string, string>>;

const OPERATORS: Record<string, (value: string | undefined, values: readonly string[]) => boolean> = {
  In: (value, values) => value !== undefined && values.includes(value),
  NotIn: (value, values) => value === undefined || !values.includes(value),
  Exists: (value) => value !== undefined,
  DoesNotExist: (value) => value === undefined,
};

export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  const byLabel = Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return (
    byLabel &&
    (selector?.matchExpressions ?? []).every((e) => OPERATORS[e.operator]?.(labels[e.key], e.values ?? []) ?? false)
  );
}

/** A selector as a person reads it (`istio-injection=enabled, no istio.io/rev`); an empty one → "everything". */
export function describeLabelSelector(selector: LabelSelector | undefined): string {
  const parts = [
    ...Object.entries(selector?.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`),
    ...(selector?.matchExpressions ?? []).map((e) => {
      const values = (e.values ?? []).join(", ");
      if (e.operator === "In") return e.values?.length === 1 ? `${e.key}=${values}` : `${e.key} in (${values})`;
      if (e.operator === "NotIn") return e.values?.length === 1 ? `${e.key}!=${values}` : `${e.key} not in (${values})`;
      if (e.operator === "Exists") return `has ${e.key}`;
      if (e.operator === "DoesNotExist") return `no ${e.key}`;
      return `${e.key} ${e.operator} (${values})`;
    }),
  ];
  return parts.length === 0 ? "everything" : parts.join(", ");
}
