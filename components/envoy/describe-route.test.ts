import { describe, expect, it } from "vitest";
import type { EnvoyRoute } from "@/lib/contracts/envoy";
import { actionText, matchText, matchesFilter, policyTexts } from "./describe-route";

const route: EnvoyRoute = {
  name: "jason",
  match: {
    path: { kind: "prefix", value: "/" },
    caseSensitive: true,
    headers: [{ name: "end-user", kind: "exact", value: "jason", ignoreCase: false, invert: false }],
    queryParameters: [],
  },
  action: {
    kind: "weighted",
    clusters: [
      { cluster: "outbound|9080|v1|reviews.bookinfo.svc.cluster.local", weight: 80 },
      { cluster: "outbound|9080|v3|reviews.bookinfo.svc.cluster.local", weight: 20 },
    ],
  },
  timeout: "0s",
  retries: { attempts: 2, retryOn: "connect-failure" },
  fault: { abort: { httpStatus: 503, percent: 10 } },
  mirrors: [],
};

describe("a route in words", () => {
  it("lists the path and header conditions", () => {
    expect(matchText(route.match)).toBe("prefix /, header end-user = jason");
  });

  it("shows each weighted cluster with its share", () => {
    expect(actionText(route.action)).toBe(
      "80% outbound|9080|v1|reviews.bookinfo.svc.cluster.local · 20% outbound|9080|v3|reviews.bookinfo.svc.cluster.local",
    );
  });

  it("leaves out Envoy's 0s (no timeout) and shows retries and faults", () => {
    expect(policyTexts(route)).toEqual(["retries 2 on connect-failure", "abort 503 for 10%"]);
  });

  it("filters by any of the texts, ignoring case", () => {
    expect(matchesFilter("V3|REVIEWS", ["outbound|9080|v3|reviews"])).toBe(true);
    expect(matchesFilter("ratings", ["reviews", undefined])).toBe(false);
    expect(matchesFilter(" ", ["anything"])).toBe(true);
  });
});
