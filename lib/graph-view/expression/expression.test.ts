import { describe, expect, it } from "vitest";
import { bookinfoGraph } from "../__fixtures__/bookinfo-graph";
import { toViewGraph } from "../view-model";
import { matchesExpression } from "./evaluate";
import { ExpressionError, parseExpression, tryParseExpression } from "./parse";

const graph = toViewGraph(bookinfoGraph);

/** Ids of the nodes (boxes aside) and edges an expression selects. */
function selected(text: string): string[] {
  const expr = parseExpression(text)!;
  return [
    ...graph.nodes
      .filter((n) => n.kind !== "box" && matchesExpression(expr, { kind: "node", node: n }))
      .map((n) => n.id),
    ...graph.edges.filter((e) => matchesExpression(expr, { kind: "edge", edge: e })).map((e) => e.id),
  ];
}

function parseError(text: string): ExpressionError {
  const result = tryParseExpression(text);
  if (result.ok) throw new Error(`expected "${text}" to fail`);
  return result.error;
}

describe("find/hide expressions", () => {
  describe("when comparing numbers", () => {
    it("selects nodes and edges by HTTP rate with each operator", () => {
      expect(selected("http > 5")).toEqual(["gw", "pp-v1", "e-gw-pp"]);
      expect(selected("http >= 10")).toEqual(["gw", "pp-v1", "e-gw-pp"]);
      expect(selected("http < 5")).toEqual(["db", "e-rt-db"]);
      expect(selected("http <= 0")).toEqual(["db", "e-rt-db"]);
      expect(selected("http = 10")).toEqual(["gw", "pp-v1", "e-gw-pp"]);
      expect(selected("http != 5")).toEqual(["gw", "pp-v1", "db", "e-gw-pp", "e-rt-db"]);
    });

    it("selects by HTTP error share", () => {
      expect(selected("%httperr > 1")).toEqual(["rv-v2", "e-pp-rv2"]);
    });

    it("selects only edges by response time", () => {
      expect(selected("rt > 200")).toEqual(["e-pp-rv2"]);
      expect(selected("responsetime < 5")).toEqual(["e-rv2-rt"]);
    });

    it("selects TCP traffic", () => {
      expect(selected("tcp > 1000")).toEqual(["db", "e-rt-db"]);
    });
  });

  describe("when matching names", () => {
    it("matches name against app, workload, service and the drawn label, ignoring case", () => {
      expect(selected("name = Reviews")).toEqual(["rv-v1", "rv-v2"]);
      expect(selected("name = reviews-v2")).toEqual(["rv-v2"]);
      expect(selected("name = mysqldb")).toEqual(["db"]);
    });

    it("matches version, app and namespace, quoted or not", () => {
      expect(selected("version = v1")).toEqual(["pp-v1", "rv-v1", "rt-v1"]);
      expect(selected('app = "ratings"')).toEqual(["rt-v1"]);
      expect(selected("namespace != bookinfo")).toEqual(["gw"]);
    });

    it("never selects a node that has no such field", () => {
      expect(selected("version != v1")).toEqual(["rv-v2"]);
    });
  });

  describe("when using flags", () => {
    it("selects mTLS edges and health states", () => {
      expect(selected("mtls")).toEqual(["e-gw-pp", "e-pp-rv1", "e-rv2-rt"]);
      expect(selected("healthy")).toEqual(["pp-v1", "rv-v1"]);
      expect(selected("degraded")).toEqual(["rv-v2"]);
      expect(selected("failure")).toEqual(["rt-v1"]);
      expect(selected("trafficshifting")).toEqual(["rv-v2"]);
      expect(selected("NOT sidecar")).toEqual(["rt-v1"]);
    });

    it("never selects edges with a node-only negation", () => {
      expect(selected("!healthy")).toEqual(["gw", "rv-v2", "rt-v1", "db"]);
    });
  });

  describe("when joining", () => {
    it("requires both sides with AND", () => {
      expect(selected("version = v1 AND healthy")).toEqual(["pp-v1", "rv-v1"]);
      expect(selected("http > 1 && mtls")).toEqual(["e-gw-pp", "e-pp-rv1", "e-rv2-rt"]);
    });

    it("accepts either side with OR, selecting nodes and edges together", () => {
      expect(selected("version = v2 OR rt > 200")).toEqual(["rv-v2", "e-pp-rv2"]);
      expect(selected("failure || degraded")).toEqual(["rv-v2", "rt-v1"]);
    });

    it("binds AND tighter than OR, and honours parentheses", () => {
      expect(selected("healthy OR degraded AND version = v1")).toEqual(["pp-v1", "rv-v1"]);
      expect(selected("(healthy OR degraded) AND app = reviews")).toEqual(["rv-v1", "rv-v2"]);
    });
  });

  describe("when the text is wrong", () => {
    it("treats empty text as nothing to select", () => {
      expect(parseExpression("  ")).toBeNull();
    });

    it.each([
      ["http >", /Expected a value after ">"/],
      ["http > fast", /compares numbers; "fast" is not a number/],
      ["version > v1", /is a name: use = or !=/],
      ["colour = red", /Unknown field "colour"/],
      ["sparkly", /Unknown word "sparkly"/],
      ["http", /needs an operator and a value/],
      ["mtls = 1", /is a word on its own/],
      ["healthy AND", /Expected a field or a word/],
      ["(healthy", /Expected "\)"/],
      ["healthy mtls", /Expected AND, OR or the end at position 9/],
      ['name = "reviews', /Unclosed quote/],
      ["http > 1 ; x", /Unexpected ";" at position 10/],
    ])("explains %s", (text, message) => {
      const error = parseError(text);
      expect(error.message).toMatch(message);
      expect(error.help).toMatch(/Allowed: .*AND \/ OR/);
    });

    it("points at the position of the problem", () => {
      expect(parseError("http > 1 AND colour = red").position).toBe(13);
    });
  });
});
