import { LineCounter, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { locatePath, parsePath } from "./locate-path";

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
