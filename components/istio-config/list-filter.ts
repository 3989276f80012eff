/** The config list's filters, read from and written to the URL so a link reproduces the view. */
import type { IstioObjectSummary } from "@/lib/contracts/istio-objects";
import { istioKinds } from "@/lib/istio/kinds";

export const validationFilters = ["all", "errors", "warnings", "valid"] as const;
export type ValidationFilter = (typeof validationFilters)[number];

export interface ListFilter {
  kind: string;
  validation: ValidationFilter;
  search: string;
}

export function parseListFilter(params: URLSearchParams): ListFilter {
  const kind = params.get("kind") ?? "";
  const validation = params.get("validation") ?? "all";
  return {
    kind: istioKinds.some((k) => k.kind === kind) ? kind : "",
    validation: (validationFilters as readonly string[]).includes(validation)
      ? (validation as ValidationFilter)
      : "all",
    search: (params.get("search") ?? "").trim(),
  };
}

export function formatListFilter(filter: ListFilter, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value, empty] of [
    ["kind", filter.kind, ""],
    ["validation", filter.validation, "all"],
    ["search", filter.search, ""],
  ] as const) {
    if (value === empty) next.delete(key);
    else next.set(key, value);
  }
  return next;
}

const byValidation: Record<ValidationFilter, (o: IstioObjectSummary) => boolean> = {
  all: () => true,
  errors: (o) => o.errors > 0,
  warnings: (o) => o.warnings > 0,
  valid: (o) => o.errors === 0 && o.warnings === 0,
};

export function filterObjects(objects: readonly IstioObjectSummary[], filter: ListFilter): IstioObjectSummary[] {
  const search = filter.search.toLowerCase();
  return objects.filter(
    (o) =>
      (!filter.kind || o.kind === filter.kind) &&
      byValidation[filter.validation](o) &&
      (!search || o.name.toLowerCase().includes(search)),
  );
}
