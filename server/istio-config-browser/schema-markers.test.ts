/**
 * The editor's live markers for what kube-apiserver would refuse: the text is parsed and
 * validated as validate-yaml.ts does, by the same engine the write path runs (its TOP0004 /
 * TOP0005 rule is lib/istio/schema's check), and each finding lands on the node it is about.
 */
import { describe, expect, it } from "vitest";
import { validateObject } from "@/server/validation";
import { BOOKINFO, contextFrom } from "@/server/validation/test-support/fixtures";
import { locateChecks } from "./locate-checks";
import { parseIstioYaml } from "./parse-istio-yaml";

const typed = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  http:
  - timeoutt: 5s
    route:
    - destination: {host: reviews, subset: v1}
      weight: "lots"
`;

function markersOf(yaml: string) {
  const result = parseIstioYaml(yaml, { namespace: "bookinfo", kind: "VirtualService", name: "reviews" });
  if (!result.ok) throw new Error(`the text should parse: ${JSON.stringify(result.problems)}`);
  const validation = validateObject(result.parsed.object, contextFrom(BOOKINFO));
  return locateChecks(validation.checks, result.parsed).filter((c) => c.code.startsWith("TOP000"));
}

describe("live schema markers", () => {
  it("marks a misspelt field on its line, in the API server's words", () => {
    expect(markersOf(typed)).toContainEqual({
      code: "TOP0005",
      severity: "error",
      message: 'unknown field "spec.http[0].timeoutt"',
      path: "spec/http[0]/timeoutt",
      line: 9,
      column: 5,
      endLine: 9,
      endColumn: 17,
    });
  });

  it("marks a weight that is not a number from its key to the end of the value", () => {
    expect(markersOf(typed)).toContainEqual({
      code: "TOP0004",
      severity: "error",
      message:
        'spec.http[0].route[0].weight: Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"',
      path: "spec/http[0]/route[0]/weight",
      line: 12,
      column: 7,
      endLine: 12,
      endColumn: 21,
    });
  });

  it("marks nothing once both are fixed", () => {
    expect(markersOf(typed.replace("timeoutt", "timeout").replace('"lots"', "100"))).toEqual([]);
  });
});
