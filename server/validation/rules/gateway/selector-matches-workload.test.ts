import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkGatewaySelectorMatches } from "./selector-matches-workload";

const context = contextFrom(BOOKINFO);

describe("KIA0302 Gateway selector matches no workload", () => {
  it("accepts a selector matching the ingress gateway in another namespace", () => {
    expect(checkGatewaySelectorMatches(objectOf("Gateway", BOOKINFO), context)).toEqual([]);
  });

  it("warns when no workload carries the selector labels", () => {
    const gateway = objectOf(
      "Gateway",
      `
kind: Gateway
metadata: { name: typo, namespace: bookinfo }
spec: { selector: { istio: ingresgateway }, servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*"] }] }
`,
    );
    expect(checkGatewaySelectorMatches(gateway, context)).toEqual([
      {
        code: "KIA0302",
        severity: "warning",
        message: "No matching workload found for gateway selector in this namespace: istio=ingresgateway",
        path: "spec/selector",
      },
    ]);
  });
});
