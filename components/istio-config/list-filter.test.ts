import { describe, expect, it } from "vitest";
import type { IstioObjectSummary } from "@/lib/contracts/istio-objects";
import { filterObjects, formatListFilter, parseListFilter } from "./list-filter";

const object = (kind: string, name: string, errors = 0, warnings = 0): IstioObjectSummary => ({
  kind,
  namespace: "bookinfo",
  name,
  valid: errors === 0,
  errors,
  warnings,
  checks: [],
  references: [],
});
const objects = [
  object("VirtualService", "reviews", 0, 1),
  object("DestinationRule", "reviews", 1),
  object("Gateway", "bookinfo-gateway"),
];

describe("the config list filter", () => {
  it("reads unknown values as no filter", () => {
    expect(parseListFilter(new URLSearchParams("kind=Pod&validation=bad&search=%20rev%20"))).toEqual({
      kind: "",
      validation: "all",
      search: "rev",
    });
  });

  it("keeps other parameters and drops defaults when written back", () => {
    const params = formatListFilter(
      { kind: "Gateway", validation: "all", search: "" },
      new URLSearchParams("namespaces=bookinfo&search=x"),
    );
    expect(params.toString()).toBe("namespaces=bookinfo&kind=Gateway");
  });

  it("filters by kind, validation state and name", () => {
    expect(filterObjects(objects, { kind: "", validation: "errors", search: "" }).map((o) => o.kind)).toEqual([
      "DestinationRule",
    ]);
    expect(filterObjects(objects, { kind: "", validation: "warnings", search: "" }).map((o) => o.kind)).toEqual([
      "VirtualService",
    ]);
    expect(filterObjects(objects, { kind: "", validation: "valid", search: "" }).map((o) => o.kind)).toEqual([
      "Gateway",
    ]);
    expect(filterObjects(objects, { kind: "DestinationRule", validation: "all", search: "REV" })).toHaveLength(1);
    expect(filterObjects(objects, { kind: "", validation: "all", search: "gate" }).map((o) => o.name)).toEqual([
      "bookinfo-gateway",
    ]);
  });
});
