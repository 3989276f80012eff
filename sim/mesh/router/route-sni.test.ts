import { describe, expect, it } from "vitest";
import { meshConfigYaml } from "../test-support/egress-config";
import { HTTPS_HOST, HTTPS_SERVICE_ENTRY_YAML } from "../test-support/egress-tls-config";
import { snapshotWith } from "../test-support/snapshot-fixture";
import { routeSni } from "@/lib/istio/routing/route-sni";

const HTTP_ONLY_ENTRY = HTTPS_SERVICE_ENTRY_YAML.replace(
  "{ number: 443, name: https, protocol: HTTPS }",
  "{ number: 80, name: http, protocol: HTTP }",
);
// A wildcard host cannot be resolved by DNS: Istio's wildcard-hosts guide uses `resolution: NONE`.
const WILDCARD_TLS_ENTRY = HTTPS_SERVICE_ENTRY_YAML.replace(`[${HTTPS_HOST}]`, `["*.google.com"]`)
  .replace("protocol: HTTPS", "protocol: TLS")
  .replace("resolution: DNS", "resolution: NONE");

describe("routeSni", () => {
  it("sends a ServiceEntry host with an HTTPS port 443 to its own cluster, under the host's name", () => {
    const route = routeSni(snapshotWith(HTTPS_SERVICE_ENTRY_YAML), HTTPS_HOST, 443);
    expect(route.cluster).toBe(`outbound|443||${HTTPS_HOST}`);
    expect(route.service).toMatchObject({
      kind: "external",
      host: HTTPS_HOST,
      name: HTTPS_HOST,
      namespace: "tcp-echo",
    });
  });

  it("names the cluster after the entry's wildcard host and the service after the SNI", () => {
    const route = routeSni(snapshotWith(WILDCARD_TLS_ENTRY), HTTPS_HOST, 443);
    expect(route.cluster).toBe("outbound|443||*.google.com");
    expect(route.service.name).toBe(HTTPS_HOST);
  });

  it("leaves through PassthroughCluster under ALLOW_ANY when no entry declares the port for TLS", () => {
    expect(routeSni(snapshotWith(HTTP_ONLY_ENTRY), HTTPS_HOST, 443)).toMatchObject({
      cluster: "PassthroughCluster",
      service: { kind: "passthrough", host: HTTPS_HOST },
    });
  });

  it("falls into BlackHoleCluster under REGISTRY_ONLY", () => {
    const route = routeSni(snapshotWith(meshConfigYaml("REGISTRY_ONLY")), HTTPS_HOST, 443);
    expect(route).toMatchObject({ cluster: "BlackHoleCluster", service: { kind: "blackhole", host: HTTPS_HOST } });
  });

  it("matches the entry only on the port it declares", () => {
    const route = routeSni(
      snapshotWith(meshConfigYaml("REGISTRY_ONLY") + "---\n" + HTTPS_SERVICE_ENTRY_YAML),
      HTTPS_HOST,
      8443,
    );
    expect(route.cluster).toBe("BlackHoleCluster");
  });
});
