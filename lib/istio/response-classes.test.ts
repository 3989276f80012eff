import { describe, expect, it } from "vitest";
import {
  compileRow,
  errorLegend,
  errorRequestMatchers,
  isErrorResponse,
  rowsOf,
  type LabelCondition,
  type RequestProtocol,
} from "./response-classes";

/**
 * Responses as Istio reports them, and whether Kiali's graph calls them errors (graph/protocol.go, HandleResponseCode).
 */
const cases: [RequestProtocol, string, string, boolean][] = [
  ["http", "200", "", false],
  ["http", "301", "", false],
  ["http", "404", "", true],
  ["http", "503", "", true],
  ["http", "0", "", true],
  // A gRPC failure travels as HTTP 200 with grpc-status in the trailers.
  ["grpc", "200", "14", true],
  ["grpc", "200", "2", true],
  ["grpc", "200", "0", false],
  // No status reported: the HTTP code decides.
  ["grpc", "200", "", false],
  ["grpc", "302", "", false],
  ["grpc", "503", "", true],
  // An HTTP error on the transport is an error whatever the status says.
  ["grpc", "503", "0", true],
  ["grpc", "0", "", true],
];

/**
 * What Prometheus does with a series' labels and a set of alternatives
 * joined by `or` (regexes are anchored; an absent label is "").
 */
function selects(alternatives: LabelCondition[][], labels: Record<string, string>): boolean {
  const holds = (c: LabelCondition) => {
    const value = labels[c.label] ?? "";
    const re = new RegExp(`^(?:${c.value})$`);
    return { "=": value === c.value, "!=": value !== c.value, "=~": re.test(value), "!~": !re.test(value) }[c.op];
  };
  return alternatives.some((conditions) => conditions.every(holds));
}

describe("the response classes everyone reads", () => {
  it.each(cases)("%s %s (grpc-status %j) is an error: %s", (protocol, code, grpcStatus, error) => {
    expect(isErrorResponse(protocol, { code, grpcStatus })).toBe(error);
  });

  it.each(cases)(
    "the PromQL selects %s %s (grpc-status %j) exactly when it is an error",
    (protocol, code, grpcStatus, error) => {
      expect(
        selects(errorRequestMatchers(), {
          request_protocol: protocol,
          response_code: code,
          grpc_response_status: grpcStatus,
        }),
      ).toBe(error);
    },
  );

  it("emits two selectors: error codes on any protocol, or a gRPC request with a non-zero status", () => {
    expect(errorRequestMatchers()).toEqual([
      [{ label: "response_code", op: "=~", value: "0|4..|5.." }],
      [
        { label: "request_protocol", op: "=", value: "grpc" },
        { label: "response_code", op: "!~", value: "0|4..|5.." },
        { label: "grpc_response_status", op: "!~", value: "0|" },
      ],
    ]);
  });

  it("files each response under one class of its protocol at most", () => {
    for (const [protocol, code, grpcStatus] of cases) {
      const classes = rowsOf(protocol).filter((row) => compileRow(row)({ code, grpcStatus }));
      expect(classes.length).toBeLessThanOrEqual(1);
    }
  });

  it("names the error classes for legends", () => {
    expect(errorLegend).toBe("no response, 4xx, 5xx, gRPC status ≠ 0");
  });
});
