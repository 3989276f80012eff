import { describe, expect, it } from "vitest";
import { isStatusError } from "./status-error";
import { parsePodLogOptions } from "./pod-log-options";

const parse = (query: string) =>
  parsePodLogOptions(new URL(`https://127.0.0.1/api/v1/namespaces/bookinfo/pods/p/log?${query}`), "p");

function statusOf(query: string): { code: number; message: string } {
  try {
    parse(query);
  } catch (err) {
    if (isStatusError(err)) return { code: err.code, message: err.status.message };
    throw err;
  }
  throw new Error(`no error for ${query}`);
}

describe("parsePodLogOptions", () => {
  it("reads kubectl's parameters, with Go's booleans", () => {
    expect(parse("container=istio-proxy&follow=true&tailLines=10&timestamps=1&limitBytes=500")).toEqual({
      container: "istio-proxy",
      follow: true,
      previous: false,
      timestamps: true,
      tailLines: 10,
      limitBytes: 500,
    });
    expect(parse("sinceTime=2026-08-24T10:15:42Z").sinceTimeMs).toBe(Date.parse("2026-08-24T10:15:42Z"));
    expect(parse("sinceSeconds=60").sinceSeconds).toBe(60);
  });

  it("answers 422 when both sinceTime and sinceSeconds are given", () => {
    expect(statusOf("sinceSeconds=10&sinceTime=2026-08-24T10:15:42Z")).toEqual({
      code: 422,
      message:
        'PodLogOptions "p" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    });
  });

  it("answers 422 listing every out-of-range value", () => {
    expect(statusOf("tailLines=-1&limitBytes=0&sinceSeconds=0")).toEqual({
      code: 422,
      message:
        'PodLogOptions "p" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, ' +
        "limitBytes: Invalid value: 0: must be greater than 0, sinceSeconds: Invalid value: 0: must be greater than 0]",
    });
  });

  it("answers 400 for values that do not parse", () => {
    expect(statusOf("tailLines=ten")).toEqual({
      code: 400,
      message: 'strconv.ParseInt: parsing "ten": invalid syntax',
    });
    expect(statusOf("follow=yes").code).toBe(400);
    expect(statusOf("sinceTime=yesterday").code).toBe(400);
  });
});
