import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { validateObject } from "../../validate-object";

const context = contextFrom(BOOKINFO);

function reviews(weight: string, extra = "", metadata = ""): ReturnType<typeof objectOf> {
  return objectOf(
    "VirtualService",
    `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo${metadata} }
spec:
  hosts: [reviews]
  http:
  - route:
    - { destination: { host: reviews, subset: v1 }, weight: ${weight} }
${extra}`,
  );
}

const errors = (object: ReturnType<typeof objectOf>) =>
  validateObject(object, context)
    .checks.filter((c) => c.severity === "error")
    .map(({ code, message, path }) => ({ code, message, path }));

describe("TOP0004 / TOP0005 what kube-apiserver refuses before istiod", () => {
  it.each([
    ['"50"', "string", "integer"],
    ["50.5", "float64", "int32"],
    ["1e20", "float64", "int32"],
  ])("refuses weight %s with the structural schema's words, at the weight's path", (weight, found, type) => {
    expect(errors(reviews(weight))).toContainEqual({
      code: "TOP0004",
      message: `spec.http[0].route[0].weight: Invalid value: "${found}": spec.http[0].route[0].weight in body must be of type ${type}: "${found}"`,
      path: "spec/http[0]/route[0]/weight",
    });
  });

  it("refuses a label value that is markup, and an owner reference without a uid", () => {
    const found = errors(
      reviews(
        "100",
        "",
        ", labels: { app: '<img src=x onerror=alert(1)>' }, ownerReferences: [{ apiVersion: v1, kind: ConfigMap, name: x }]",
      ),
    );
    expect(found.map((c) => [c.code, c.path, c.message.split(" (e.g.")[0]])).toEqual([
      [
        "TOP0004",
        "metadata/labels",
        "metadata.labels: Invalid value: \"<img src=x onerror=alert(1)>\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      ],
      ["TOP0004", "metadata/ownerReferences/uid", 'metadata.ownerReferences.uid: Invalid value: "": must not be empty'],
    ]);
  });

  it("refuses every field the CRD does not declare, naming its path", () => {
    expect(errors(reviews("100", "    foo: bar\n    retries: { attempts: 2, tries: 3 }\n"))).toEqual([
      { code: "TOP0005", message: 'unknown field "spec.http[0].foo"', path: "spec/http[0]/foo" },
      { code: "TOP0005", message: 'unknown field "spec.http[0].retries.tries"', path: "spec/http[0]/retries/tries" },
    ]);
  });

  it("passes the bookinfo objects untouched", () => {
    expect(errors(reviews("100"))).toEqual([]);
  });
});
