import { cleanup, render, waitFor } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { LocatedCheck } from "@/lib/contracts/istio-objects";
import { toFindings, toMarkers } from "./findings";
import { YamlEditor } from "./yaml-editor";

const text = `spec:
  http:
  - timeoutt: 5s # the rest of a line is not the node
    route:
    - destination: {host: reviews, subset: v1}
      weight: "lots" # nor is this
`;

/** What the live validation answers for this text (server/istio-config-browser/schema-markers.test.ts). */
const checks: LocatedCheck[] = [
  {
    code: "TOP0005",
    severity: "error",
    message: 'unknown field "spec.http[0].timeoutt"',
    path: "spec/http[0]/timeoutt",
    line: 3,
    column: 5,
    endLine: 3,
    endColumn: 17,
  },
  {
    code: "TOP0004",
    severity: "error",
    message: 'spec.http[0].route[0].weight: Invalid value: "string": …',
    path: "spec/http[0]/route[0]/weight",
    line: 6,
    column: 7,
    endLine: 6,
    endColumn: 21,
  },
  {
    code: "KIA1101",
    severity: "error",
    message: "host not found",
    path: "spec/http[0]/route[0]/destination/host",
    line: 5,
    column: 7,
    endLine: null,
    endColumn: null,
  },
];

function markedTexts(container: HTMLElement): string[] {
  return [...container.querySelectorAll(".cm-lintRange-error")].map((el) => el.textContent ?? "");
}

describe("the YAML editor's markers", () => {
  beforeAll(() => {
    // jsdom lays nothing out; CodeMirror measures text ranges to draw its cursor.
    Range.prototype.getClientRects = () => [] as unknown as DOMRectList;
    Range.prototype.getBoundingClientRect = () => new DOMRect();
  });
  afterEach(cleanup);

  it("underline exactly the node each finding is about, or the rest of the line when its end is unknown", async () => {
    const { container } = render(<YamlEditor value={text} label="YAML" markers={toMarkers(toFindings([], checks))} />);
    await waitFor(() => expect(markedTexts(container)).toHaveLength(3));
    expect(markedTexts(container)).toEqual([
      "timeoutt: 5s",
      "destination: {host: reviews, subset: v1}",
      'weight: "lots"',
    ]);
  });
});
