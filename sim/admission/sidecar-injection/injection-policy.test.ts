import { describe, expect, it } from "vitest";
import { decideInjection, type InjectionInputs } from "./injection-policy";

function decide(
  ns: Record<string, string>,
  podLabels: Record<string, string> = {},
  extra: Partial<InjectionInputs> = {},
): boolean {
  return decideInjection({
    namespaceName: "app",
    namespaceLabels: ns,
    podLabels,
    podAnnotations: {},
    hostNetwork: false,
    alreadyInjected: false,
    ...extra,
  }).inject;
}

describe("decideInjection, per Istio's injection policy table", () => {
  it.each([
    // namespace label, pod label, injected?
    [{ "istio-injection": "enabled" }, {}, true],
    [{ "istio-injection": "enabled" }, { "sidecar.istio.io/inject": "false" }, false],
    [{ "istio-injection": "disabled" }, { "sidecar.istio.io/inject": "true" }, false],
    [{}, { "sidecar.istio.io/inject": "true" }, true],
    [{}, {}, false],
    [{ "istio.io/rev": "default" }, {}, true],
    [{ "istio-injection": "disabled", "istio.io/rev": "default" }, {}, false],
  ])("namespace %j, pod %j → %s", (ns, pod, expected) => {
    expect(decide(ns, pod)).toBe(expected);
  });

  it("honours the deprecated annotation only to opt out", () => {
    expect(
      decide({ "istio-injection": "enabled" }, {}, { podAnnotations: { "sidecar.istio.io/inject": "false" } }),
    ).toBe(false);
    expect(decide({}, {}, { podAnnotations: { "sidecar.istio.io/inject": "true" } })).toBe(false);
  });

  it("never injects system namespaces, host-network pods or an injected pod", () => {
    expect(decide({ "istio-injection": "enabled" }, {}, { namespaceName: "kube-system" })).toBe(false);
    expect(decide({ "istio-injection": "enabled" }, {}, { namespaceName: "istio-system" })).toBe(false);
    expect(decide({ "istio-injection": "enabled" }, {}, { hostNetwork: true })).toBe(false);
    expect(decide({ "istio-injection": "enabled" }, {}, { alreadyInjected: true })).toBe(false);
  });

  it("injects by default when the mesh enables namespaces by default", () => {
    expect(decide({}, {}, { enableNamespacesByDefault: true })).toBe(true);
  });
});
