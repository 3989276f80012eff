import { describe, expect, it } from "vitest";
import { runIstioValidation } from "./istio-webhook";

describe("istiod's webhook in the simulator", () => {
  it("denies an object whose field has the wrong type instead of failing the request", () => {
    const gateway = {
      apiVersion: "networking.istio.io/v1",
      kind: "Gateway",
      metadata: { name: "broken", namespace: "bookinfo" },
      spec: { selector: { istio: "ingressgateway" }, servers: 3 },
    };
    const verdict = runIstioValidation("networking.istio.io", "Gateway", gateway);
    expect(verdict.denial).toMatch(
      /^admission webhook "validation.istio.io" denied the request: configuration is invalid: cannot decode Gateway spec/,
    );
  });
});
