import { describe, expect, it } from "vitest";
import type { DestinationRule, PeerAuthentication, PeerAuthenticationSpec } from "@/lib/istio/types";
import { defaultMeshSettings, type MeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import { buildSecurityState } from "./mtls-state";

const pa = (namespace: string, name: string, spec: PeerAuthenticationSpec): PeerAuthentication => ({
  apiVersion: "security.istio.io/v1",
  kind: "PeerAuthentication",
  metadata: { namespace, name },
  spec,
});
const dr = (namespace: string, name: string, host: string, mode: string): DestinationRule =>
  ({
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { namespace, name },
    spec: { host, trafficPolicy: { tls: { mode } } },
  }) as DestinationRule;

function inventory(peerAuthentications: PeerAuthentication[], destinationRules: DestinationRule[] = []): MeshInventory {
  const pod = (name: string, app: string) => ({
    kind: "Pod" as const,
    namespace: "bookinfo",
    name,
    labels: { app },
    serviceAccount: "default",
  });
  return {
    namespaces: ["bookinfo"],
    services: [
      {
        namespace: "bookinfo",
        name: "reviews",
        selector: { app: "reviews" },
        ports: [{ port: 9080, protocol: "TCP" }],
      },
      {
        namespace: "bookinfo",
        name: "ratings",
        selector: { app: "ratings" },
        ports: [{ port: 9080, protocol: "TCP" }],
      },
    ],
    workloads: [pod("reviews-v1", "reviews"), pod("ratings-v1", "ratings")],
    virtualServices: [],
    destinationRules,
    gateways: [],
    serviceEntries: [],
    sidecars: [],
    workloadEntries: [],
    peerAuthentications,
    authorizationPolicies: [],
    requestAuthentications: [],
    mesh: defaultMeshSettings,
  };
}

const modes = (state: ReturnType<typeof buildSecurityState>) =>
  Object.fromEntries(state.workloads.map((w) => [w.name, `${w.mode} ${w.source ?? "default"}`]));

describe("buildSecurityState", () => {
  it("is PERMISSIVE by Istio's default with no PeerAuthentication", () => {
    const state = buildSecurityState(inventory([]), "bookinfo");
    expect(state.mesh).toEqual({ mode: "PERMISSIVE", source: null });
    expect(modes(state)).toEqual({ "ratings-v1": "PERMISSIVE default", "reviews-v1": "PERMISSIVE default" });
  });

  it("resolves workload over namespace over mesh; UNSET inherits", () => {
    const state = buildSecurityState(
      inventory([
        pa("istio-system", "default", { mtls: { mode: "STRICT" } }),
        pa("bookinfo", "ns", { mtls: { mode: "UNSET" } }),
        pa("bookinfo", "ratings", { selector: { matchLabels: { app: "ratings" } }, mtls: { mode: "PERMISSIVE" } }),
      ]),
      "bookinfo",
    );
    expect(state.namespaceMode).toEqual({ mode: "STRICT", source: "istio-system/default" });
    expect(modes(state)).toEqual({
      "ratings-v1": "PERMISSIVE bookinfo/ratings",
      "reviews-v1": "STRICT istio-system/default",
    });
  });

  it("flags a DestinationRule that sends plaintext to a STRICT workload, and shows port-level overrides", () => {
    const state = buildSecurityState(
      inventory(
        [
          pa("bookinfo", "default", { mtls: { mode: "STRICT" } }),
          pa("bookinfo", "ratings", {
            selector: { matchLabels: { app: "ratings" } },
            mtls: { mode: "PERMISSIVE" },
            portLevelMtls: { "9080": { mode: "STRICT" } },
          }),
        ],
        [
          dr("bookinfo", "reviews-plain", "reviews", "DISABLE"),
          dr("bookinfo", "all-plain", "*.bookinfo.svc.cluster.local", "DISABLE"),
        ],
      ),
      "bookinfo",
    );
    const reviews = state.workloads.find((w) => w.name === "reviews-v1")!;
    expect(reviews.conflicts).toEqual([
      expect.objectContaining({ destinationRule: "bookinfo/reviews-plain", clientMode: "DISABLE" }),
    ]);
    const ratings = state.workloads.find((w) => w.name === "ratings-v1")!;
    expect(ratings.portModes).toEqual([{ port: "9080", mode: "STRICT" }]);
    expect(ratings.conflicts).toEqual([
      expect.objectContaining({ destinationRule: "bookinfo/all-plain", port: "9080" }),
    ]);
  });

  it("flags ISTIO_MUTUAL to a workload with mTLS disabled; no conflict when the modes agree", () => {
    const disabled = buildSecurityState(
      inventory(
        [pa("bookinfo", "default", { mtls: { mode: "DISABLE" } })],
        [dr("bookinfo", "r", "reviews", "ISTIO_MUTUAL")],
      ),
      "bookinfo",
    );
    expect(disabled.workloads.find((w) => w.name === "reviews-v1")!.conflicts).toHaveLength(1);
    const strict = buildSecurityState(
      inventory(
        [pa("bookinfo", "default", { mtls: { mode: "STRICT" } })],
        [dr("bookinfo", "r", "reviews", "ISTIO_MUTUAL")],
      ),
      "bookinfo",
    );
    expect(strict.workloads.flatMap((w) => w.conflicts)).toEqual([]);
  });
});
