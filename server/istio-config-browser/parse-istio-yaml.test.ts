import { describe, expect, it } from "vitest";
import { parseIstioYaml } from "./parse-istio-yaml";

const vs = (extra = "") => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
${extra}spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
`;
const edit = { namespace: "bookinfo", kind: "virtualservices", name: "reviews" };

function problems(text: string, target: Parameters<typeof parseIstioYaml>[1] = edit) {
  const result = parseIstioYaml(text, target);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

describe("parseIstioYaml", () => {
  it("reads one object and puts it in the page's namespace", () => {
    const result = parseIstioYaml(vs(), edit);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.parsed.object.metadata).toEqual({ name: "reviews", namespace: "bookinfo" });
  });

  it("drops the fields the server manages, so a pasted kubectl get cannot carry a stale resourceVersion", () => {
    const result = parseIstioYaml(vs("  resourceVersion: '12'\n  uid: abc\n"), edit);
    expect(result.ok && result.parsed.object.metadata).toEqual({ name: "reviews", namespace: "bookinfo" });
  });

  it("reports a syntax error with its line and column", () => {
    const [problem] = problems(
      "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: [reviews\nspec: {}\n",
    );
    expect(problem).toMatchObject({ code: "yaml_syntax", line: expect.any(Number), column: expect.any(Number) });
    expect(problem?.message).toMatch(/^YAML syntax: .+\(line \d+, column \d+\)$/);
  });

  it("refuses an alias bomb with a problem instead of throwing", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i === 1 ? "*a" : `*l${i - 1}`)
          .join(", ")}]`,
      );
    const bomb = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n${levels.join("\n")}\nspec: { hosts: [*l8] }\n`;
    const [problem] = problems(bomb);
    expect(problem).toMatchObject({ code: "yaml_syntax" });
    expect(problem?.message).toContain("aliases");
  });

  // Found by server/http/api-fuzz.integration.test.ts: 800 bytes of
  // nested `? ` keys kept the console busy for over ten seconds.
  it("refuses nested mapping keys that are maps, at once, instead of turning each into text", () => {
    const [problem] = problems("? ".repeat(400) + "x");
    expect(problem).toMatchObject({ code: "yaml_syntax", line: 1 });
    expect(problem?.message).toContain("mapping key");
  });

  it("refuses a list as a mapping key inside the spec, at its line", () => {
    const [problem] = problems(vs().replace("spec:\n", "spec:\n  ? [a, b]\n  : c\n"));
    expect(problem).toMatchObject({ code: "yaml_syntax", line: 6 });
  });

  // Found by server/http/api-fuzz.integration.test.ts (seed 99) at 1,000 levels, where the parser still
  // copes but the code after it overflows the stack; 500 levels always parse, so the refusal is what is tested.
  it("refuses maps nested 500 deep with a problem at the line where nesting passes the limit", () => {
    const [problem] = problems(vs().replace("spec:\n", `spec: ${"{a: ".repeat(500)}1${"}".repeat(500)}\nx:\n`));
    expect(problem).toMatchObject({ code: "yaml_syntax", line: 5 });
    expect(problem?.message).toContain("nested more than 100 levels deep");
  });

  it("reports a duplicate key at the line of the second one", () => {
    const [problem] = problems("kind: VirtualService\nkind: Gateway\n");
    expect(problem).toMatchObject({ code: "yaml_syntax", line: 2, column: 1 });
    expect(problem?.message).toContain("Map keys must be unique");
  });

  it("refuses several documents, pointing at the second", () => {
    const [problem] = problems(`${vs()}---\n${vs()}`);
    expect(problem).toMatchObject({ code: "multiple_documents", line: 13 });
  });

  it("ignores an empty trailing document", () => {
    expect(parseIstioYaml(`${vs()}---\n`, edit).ok).toBe(true);
  });

  it("refuses empty text and lists", () => {
    expect(problems("")[0]?.code).toBe("empty");
    expect(problems("- a\n- b\n")[0]?.code).toBe("not_a_mapping");
  });

  it("names the served kinds for an unknown kind, and the right spelling for a near miss", () => {
    const unknown = problems(vs().replace("kind: VirtualService", "kind: HTTPRoute"), { namespace: "bookinfo" });
    expect(unknown[0]).toMatchObject({ code: "unknown_kind", line: 2, column: 1 });
    expect(unknown[0]?.message).toContain("VirtualService, DestinationRule, Gateway");
    const near = problems(vs().replace("kind: VirtualService", "kind: virtualservice"), { namespace: "bookinfo" });
    expect(near[0]?.message).toContain('write "VirtualService"');
  });

  it("names the served apiVersions when the given one is not served", () => {
    const [problem] = problems(vs().replace("networking.istio.io/v1", "networking.istio.io/v2"));
    expect(problem).toMatchObject({ code: "unknown_api_version", line: 1 });
    expect(problem?.message).toContain(
      "networking.istio.io/v1, networking.istio.io/v1beta1, networking.istio.io/v1alpha3",
    );
  });

  it("accepts the older served versions", () => {
    expect(parseIstioYaml(vs().replace("networking.istio.io/v1", "networking.istio.io/v1beta1"), edit).ok).toBe(true);
  });

  it("asks for a name", () => {
    const [problem] = problems(vs().replace("  name: reviews\n", "  labels: {}\n"), { namespace: "bookinfo" });
    expect(problem).toMatchObject({ code: "missing_name", line: 3 });
  });

  it("refuses a namespace other than the page's", () => {
    const [problem] = problems(vs("  namespace: default\n"));
    expect(problem).toMatchObject({ code: "namespace_mismatch", line: 5, column: 3 });
    expect(problem?.message).toContain('"bookinfo"');
  });

  it("refuses a rename on the edit page", () => {
    const [problem] = problems(vs().replace("name: reviews", "name: reviews-2"));
    expect(problem).toMatchObject({ code: "identity_mismatch", line: 4 });
  });

  it("refuses an edit page whose kind is not an Istio kind, instead of accepting any object", () => {
    // PUT /api/istio/objects/bookinfo/Bogus/x with the YAML of VirtualService reviews must not edit reviews.
    const [problem] = problems(vs(), { namespace: "bookinfo", kind: "Bogus", name: "x" });
    expect(problem?.code).toBe("identity_mismatch");
    expect(problem?.message).toContain('"Bogus" is not an Istio kind');
    expect(problem?.message).toContain("VirtualService, DestinationRule");
  });

  it("refuses envelope fields of the wrong type", () => {
    expect(problems(vs("  labels:\n    canary: true\n"))[0]).toMatchObject({ code: "schema", line: 5 });
    expect(
      problems("apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw}\nspec: [1]\n", {
        namespace: "x",
      })[0],
    ).toMatchObject({ code: "schema", line: 4 });
  });
});
