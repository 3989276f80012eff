import { describe, expect, it } from "vitest";
import { RESPONSE_FLAGS, type ResponseFlag } from "../telemetry/response-flags";
import { localReplyBody, localReplyBodyOf } from "./local-replies";

describe("Envoy's local reply bodies at the ingress", () => {
  it("are as long as the bytes the metrics count for each flag", () => {
    for (const [flag, row] of Object.entries(RESPONSE_FLAGS))
      expect(localReplyBodyOf(flag as ResponseFlag).length, flag).toBe(row.bodyBytes);
  });

  it("are empty for a route not found and absent for an upstream's answer", () => {
    expect(localReplyBody("route_not_found")).toBe("");
    expect(localReplyBody("fault_filter_abort")).toBe("fault filter abort");
    expect(localReplyBody("via_upstream")).toBeUndefined();
  });
});
