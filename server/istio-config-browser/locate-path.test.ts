import { LineCounter, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { locatePath, locateRange, parsePath } from "./locate-path";

const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - match:
    - headers:
        end-user:
          exact: jason
    route:
    - destination:
        host: reviews
        subset: v2
  - route:
    - destination:
        host: reviews
        subset: v4
      weight: 100
  portLevelMtls:
    9080:
      mode: STRICT
`;

function at(path: string) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  return locatePath(document, lineCounter, path);
}

/** The text a path's range covers, read back out of the YAML. */
function covered(yaml: string, path: string): string | undefined {
  const lineCounter = new LineCounter();
  const range = locateRange(parseDocument(yaml, { lineCounter }), lineCounter, path);
  if (!range || range.endLine === null || range.endColumn === null) return undefined;
  const lines = yaml.split("\n");
  const offset = (line: number, column: number) =>
    lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return yaml.slice(offset(range.line, range.column), offset(range.endLine, range.endColumn));
}

describe("parsePath", () => {
  it("splits names and indexes", () => {
    expect(parsePath("spec/http[1]/route[0]/destination")).toEqual(["spec", "http", 1, "route", 0, "destination"]);
    expect(parsePath("spec/portLevelMtls/9080")).toEqual(["spec", "portLevelMtls", "9080"]);
  });
});

describe("locatePath", () => {
  it("puts a map field on its key", () => {
    expect(at("spec/http[1]/route[0]/destination")).toEqual({ line: 18, column: 7 });
    expect(at("spec/http[1]/route[0]/weight")).toEqual({ line: 21, column: 7 });
    expect(at("metadata/name")).toEqual({ line: 4, column: 3 });
  });

  it("puts a list item on its first line", () => {
    expect(at("spec/hosts[0]")).toEqual({ line: 7, column: 5 });
    expect(at("spec/http[1]")).toEqual({ line: 17, column: 5 });
  });

  it("finds numeric keys written as numbers", () => {
    expect(at("spec/portLevelMtls/9080")).toEqual({ line: 23, column: 5 });
  });

  it("falls back to the deepest existing part for a field that is not written", () => {
    expect(at("spec/http[1]/timeout")).toEqual({ line: 17, column: 5 });
    expect(at("spec/tcp[0]")).toEqual({ line: 5, column: 1 });
  });
});

describe("locateRange: the node a marker covers", () => {
  const edited = `spec:
  hosts: [reviews]
  http:
  - timeoutt: 5s
    route:
    - destination: {host: reviews, subset: v1}
      weight: "lots"   # a comment is not part of it
    retries:
      attempts: 3
`;

  it("covers a field with a scalar value from its key to the end of the value", () => {
    expect(covered(edited, "spec/http[0]/route[0]/weight")).toBe('weight: "lots"');
    expect(covered(edited, "spec/http[0]/timeoutt")).toBe("timeoutt: 5s");
  });

  it("covers only the key of a field whose value is a block or a flow collection", () => {
    expect(covered(edited, "spec/http[0]/retries")).toBe("retries");
    expect(covered(edited, "spec/http[0]/route[0]/destination")).toBe("destination");
  });

  it("covers a scalar list item, and the first line of a block one", () => {
    expect(covered(edited, "spec/hosts[0]")).toBe("reviews");
    expect(covered(edited, "spec/http[0]")).toBe("timeoutt: 5s");
  });

  it("gives no end when only a parent of the path is written, so the marker runs to the line's end", () => {
    const lineCounter = new LineCounter();
    const range = locateRange(parseDocument(edited, { lineCounter }), lineCounter, "spec/http[0]/fault/abort");
    expect(range).toEqual({ line: 4, column: 5, endLine: null, endColumn: null });
  });
});
