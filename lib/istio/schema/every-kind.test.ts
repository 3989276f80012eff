/**
 * The field tables of the kinds beyond VirtualService and DestinationRule: a value of the
 * wrong type is refused with kube-apiserver's words, and a field Istio's CRD does not declare
 * is named and pruned, for each kind of lib/istio/kinds.ts.
 */
import { describe, expect, it } from "vitest";
import { istioKinds } from "../kinds";
import { checkSpecSchema, specOpenApiSchema } from "./index";

const check = (kind: string, spec: unknown) => {
  const info = istioKinds.find((k) => k.kind === kind);
  return checkSpecSchema(info?.group ?? "", kind, spec);
};
const messages = (kind: string, spec: unknown) => check(kind, spec)?.errors.map((e) => e.message);

describe("every Istio kind has its CRD's field table", () => {
  it.each(istioKinds.map((k) => [k.kind, k.group]))("%s is checked, not passed through", (kind, group) => {
    expect(checkSpecSchema(group, kind, { notAField: true })?.unknownFields).toEqual(["spec.notAField"]);
  });
});

describe("types, as kube-apiserver words them", () => {
  it("Gateway: a port number given as a string", () => {
    expect(
      messages("Gateway", {
        selector: { istio: "ingressgateway" },
        servers: [{ port: { number: "80", name: "http", protocol: "HTTP" }, hosts: ["*"] }],
      }),
    ).toEqual(['Invalid value: "string": spec.servers[0].port.number in body must be of type integer: "string"']);
  });

  it("Gateway: TLS settings are checked the same way in a Sidecar's ingress listener", () => {
    const tls = { mode: "SIMPLE", credentialName: "cert", httpsRedirect: "yes" };
    expect(
      messages("Gateway", {
        servers: [{ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: ["*"], tls }],
      }),
    ).toEqual(['Invalid value: "string": spec.servers[0].tls.httpsRedirect in body must be of type boolean: "string"']);
    expect(messages("Sidecar", { ingress: [{ port: { number: 9080, name: "http", protocol: "HTTP" }, tls }] })).toEqual(
      ['Invalid value: "string": spec.ingress[0].tls.httpsRedirect in body must be of type boolean: "string"'],
    );
  });

  it("ServiceEntry: a fractional port and an endpoint port given as a string", () => {
    expect(
      messages("ServiceEntry", {
        hosts: ["api.example.com"],
        ports: [{ number: 443.5, name: "https", protocol: "TLS" }],
        endpoints: [{ address: "10.0.0.1", ports: { https: "443" } }],
      }),
    ).toEqual([
      'Invalid value: "number": spec.ports[0].number in body must be of type integer: "number"',
      'Invalid value: "string": spec.endpoints[0].ports.https in body must be of type integer: "string"',
    ]);
  });

  it("Sidecar: a fractional int32 pool size and a host list given as one string", () => {
    expect(
      messages("Sidecar", { egress: [{ hosts: "./*" }], inboundConnectionPool: { tcp: { maxConnections: 1.5 } } }),
    ).toEqual([
      'Invalid value: "string": spec.egress[0].hosts in body must be of type array: "string"',
      'Invalid value: "float64": spec.inboundConnectionPool.tcp.maxConnections in body must be of type int32: "float64"',
    ]);
  });

  it("WorkloadEntry: a weight given as a string", () => {
    expect(messages("WorkloadEntry", { address: "10.0.0.7", ports: { http: 8080 }, weight: "10" })).toEqual([
      'Invalid value: "string": spec.weight in body must be of type integer: "string"',
    ]);
  });

  it("WorkloadGroup: probe seconds and the template's ports", () => {
    expect(
      messages("WorkloadGroup", {
        template: { ports: { http: "8080" } },
        probe: { periodSeconds: 2.5, httpGet: { path: "/ready", port: 8080 } },
      }),
    ).toEqual([
      'Invalid value: "string": spec.template.ports.http in body must be of type integer: "string"',
      'Invalid value: "float64": spec.probe.periodSeconds in body must be of type int32: "float64"',
    ]);
  });

  it("PeerAuthentication: an mTLS mode given where the CRD wants an object", () => {
    expect(messages("PeerAuthentication", { mtls: "STRICT", portLevelMtls: { "9080": { mode: "DISABLE" } } })).toEqual([
      'Invalid value: "string": spec.mtls in body must be of type object: "string"',
    ]);
  });

  it("AuthorizationPolicy: ports are strings in the CRD, so a number is refused", () => {
    expect(
      messages("AuthorizationPolicy", {
        action: "ALLOW",
        rules: [{ to: [{ operation: { ports: [8080], methods: ["GET"] } }] }],
      }),
    ).toEqual([
      'Invalid value: "integer": spec.rules[0].to[0].operation.ports[0] in body must be of type string: "integer"',
    ]);
  });

  it("RequestAuthentication: a boolean given as a string", () => {
    expect(
      messages("RequestAuthentication", {
        jwtRules: [{ issuer: "https://issuer.example.com", forwardOriginalToken: "true" }],
      }),
    ).toEqual([
      'Invalid value: "string": spec.jwtRules[0].forwardOriginalToken in body must be of type boolean: "string"',
    ]);
  });
});

describe("undeclared fields", () => {
  it("names an unknown field under an AuthorizationPolicy's rules and prunes it", () => {
    const found = check("AuthorizationPolicy", {
      selector: { matchLabels: { app: "ratings" } },
      rules: [{ from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/reviews"] } }], paths: ["/ratings"] }],
    });
    expect(found?.errors).toEqual([]);
    expect(found?.unknownFields).toEqual(["spec.rules[0].paths"]);
    expect(found?.pruned).toEqual({
      selector: { matchLabels: { app: "ratings" } },
      rules: [{ from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/reviews"] } }] }],
    });
  });

  it("knows the two selector shapes apart: `labels` for Sidecar and ServiceEntry, `matchLabels` for the security kinds", () => {
    expect(check("Sidecar", { workloadSelector: { matchLabels: { app: "reviews" } } })?.unknownFields).toEqual([
      "spec.workloadSelector.matchLabels",
    ]);
    expect(check("PeerAuthentication", { selector: { labels: { app: "reviews" } } })?.unknownFields).toEqual([
      "spec.selector.labels",
    ]);
  });
});

describe("the tables as OpenAPI schema objects", () => {
  it("publishes formats, lists and maps as the CRD declares them", () => {
    const vs = specOpenApiSchema("networking.istio.io", "VirtualService");
    expect(vs?.properties?.http?.items?.properties?.route?.items?.properties?.weight).toEqual({
      type: "integer",
      format: "int32",
    });
    const se = specOpenApiSchema("networking.istio.io", "ServiceEntry");
    expect(se?.properties?.endpoints?.items?.properties?.ports).toEqual({
      type: "object",
      additionalProperties: { type: "integer" },
    });
    expect(se?.properties?.hosts).toEqual({ type: "array", items: { type: "string" } });
    expect(specOpenApiSchema("", "ConfigMap")).toBeUndefined();
  });
});
