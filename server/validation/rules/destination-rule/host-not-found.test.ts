import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkDestinationHostExists } from "./host-not-found";

const context = contextFrom(`${BOOKINFO}
---
kind: ServiceEntry
metadata: { name: httpbin-org, namespace: egress, }
spec: { hosts: [httpbin.org], exportTo: ["."], ports: [{ number: 80, name: http, protocol: HTTP }], resolution: DNS }
`);

const drFor = (host: string, namespace = "bookinfo") =>
  objectOf(
    "DestinationRule",
    `
kind: DestinationRule
metadata: { name: rule, namespace: ${namespace} }
spec: { host: "${host}" }
`,
  );

describe("KIA0202 DestinationRule host not in the registry", () => {
  it("accepts Services, visible ServiceEntry hosts and wildcard policies", () => {
    expect(checkDestinationHostExists(drFor("reviews"), context)).toEqual([]);
    expect(checkDestinationHostExists(drFor("httpbin.org", "egress"), context)).toEqual([]);
    expect(checkDestinationHostExists(drFor("*.bookinfo.svc.cluster.local"), context)).toEqual([]);
  });

  it("flags an unknown host, and a ServiceEntry host exported only to its own namespace", () => {
    expect(checkDestinationHostExists(drFor("details"), context)).toEqual([
      {
        code: "KIA0202",
        severity: "error",
        message:
          "This host has no matching entry in the service registry (service, workload or service entries): details.bookinfo.svc.cluster.local",
        path: "spec/host",
      },
    ]);
    expect(checkDestinationHostExists(drFor("httpbin.org"), context).map((c) => c.code)).toEqual(["KIA0202"]);
  });
});
