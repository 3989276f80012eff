import { describe, expect, it } from "vitest";
import type { CertificateFacts, SecretFacts } from "@/lib/contracts/gateways";
import type { ValidationContext } from "../../context";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkGatewayCredentials } from "./credential-secret";

const NOW = new Date("2026-06-01T00:00:00Z");

const certificate = (overrides: Partial<CertificateFacts> = {}): CertificateFacts => ({
  subject: "CN=httpbin.example.com",
  issuer: "CN=Topsail test CA",
  dnsNames: ["httpbin.example.com", "*.apps.example.com"],
  commonName: "httpbin.example.com",
  notBefore: "2026-01-01T00:00:00.000Z",
  notAfter: "2027-01-01T00:00:00.000Z",
  ...overrides,
});

const found = (name: string, overrides: Partial<Extract<SecretFacts, { state: "found" }>> = {}): SecretFacts => ({
  state: "found",
  namespace: "istio-system",
  name,
  keys: ["tls.crt", "tls.key"],
  certificateKey: "tls.crt",
  certificate: certificate(),
  certificateError: null,
  caKey: null,
  ...overrides,
});

function withSecrets(secrets: SecretFacts[]): ValidationContext {
  return {
    ...contextFrom(BOOKINFO),
    credentials: { now: NOW, secrets: new Map(secrets.map((s) => [`${s.namespace}/${s.name}`, s])) },
  };
}

const gateway = (mode: string, hosts = ["httpbin.example.com"]) =>
  objectOf(
    "Gateway",
    `
kind: Gateway
metadata: { name: httpbin, namespace: bookinfo }
spec:
  selector: { istio: ingressgateway }
  servers:
    - port: { number: 443, name: https, protocol: HTTPS }
      hosts: ${JSON.stringify(hosts)}
      tls: { mode: ${mode}, credentialName: httpbin-credential }
`,
  );

const codesOf = (context: ValidationContext, mode = "SIMPLE", hosts?: string[]) =>
  checkGatewayCredentials(gateway(mode, hosts), context).map((c) => c.code);

describe("TOP03xx a Gateway's credential Secret", () => {
  it("says nothing where the Secrets were not read (the shared context)", () => {
    expect(checkGatewayCredentials(gateway("SIMPLE"), contextFrom(BOOKINFO))).toEqual([]);
  });

  it("accepts a valid certificate that covers the host, in the gateway pod's namespace", () => {
    expect(codesOf(withSecrets([found("httpbin-credential")]))).toEqual([]);
  });

  it("flags a Secret missing from the gateway pod's namespace (istio-system, not the Gateway's)", () => {
    const context = withSecrets([{ state: "missing", namespace: "istio-system", name: "httpbin-credential" }]);
    expect(checkGatewayCredentials(gateway("SIMPLE"), context)).toEqual([
      {
        code: "TOP0301",
        severity: "error",
        message:
          "The credential Secret is not in the gateway workload's namespace: no Secret httpbin-credential in namespace istio-system",
        path: "spec/servers[0]/tls/credentialName",
      },
    ]);
  });

  it("flags an expired certificate as an error, with its date", () => {
    const context = withSecrets([
      found("httpbin-credential", { certificate: certificate({ notAfter: "2021-01-01T00:00:00.000Z" }) }),
    ]);
    const [check] = checkGatewayCredentials(gateway("SIMPLE"), context);
    expect(check).toMatchObject({ code: "TOP0304", severity: "error" });
    expect(check?.message).toContain("expired on 2021-01-01T00:00:00.000Z");
  });

  it("warns of a certificate that expires within 30 days, saying in how many", () => {
    const context = withSecrets([
      found("httpbin-credential", { certificate: certificate({ notAfter: "2026-06-13T12:00:00.000Z" }) }),
    ]);
    const [check] = checkGatewayCredentials(gateway("SIMPLE"), context);
    expect(check).toMatchObject({ code: "TOP0305", severity: "warning" });
    expect(check?.message).toContain("expires in 12 days");
  });

  it("reports Istio's words when neither key pair is complete", () => {
    const context = withSecrets([found("httpbin-credential", { keys: ["tls.crt"], certificateKey: null })]);
    expect(checkGatewayCredentials(gateway("SIMPLE"), context)[0]).toMatchObject({
      code: "TOP0302",
      message:
        "istio-system/httpbin-credential: found secret, but didn't have expected keys (cert and key) or (tls.crt and tls.key); found: tls.crt",
    });
  });

  it("flags a certificate that does not parse", () => {
    const context = withSecrets([
      found("httpbin-credential", { certificate: null, certificateError: "error:0680007B:asn1 header too long" }),
    ]);
    expect(codesOf(context)).toEqual(["TOP0303"]);
  });

  it("warns for each host the certificate's names do not cover, one label per wildcard", () => {
    const context = withSecrets([found("httpbin-credential")]);
    const checks = checkGatewayCredentials(
      gateway("SIMPLE", ["bookinfo/a.apps.example.com", "a.b.apps.example.com", "other.example.org", "*"]),
      context,
    );
    expect(checks.map((c) => [c.code, c.path])).toEqual([
      ["TOP0306", "spec/servers[0]/hosts[1]"],
      ["TOP0306", "spec/servers[0]/hosts[2]"],
    ]);
  });

  it("falls back to the CN only when the certificate has no DNS names", () => {
    const cnOnly = withSecrets([found("httpbin-credential", { certificate: certificate({ dnsNames: [] }) })]);
    expect(codesOf(cnOnly)).toEqual([]);
    const otherCn = withSecrets([
      found("httpbin-credential", { certificate: certificate({ dnsNames: ["x.example.com"] }) }),
    ]);
    expect(codesOf(otherCn)).toEqual(["TOP0306"]);
  });

  it("requires a CA for MUTUAL: the -cacert Secret or a cacert/ca.crt key", () => {
    const noCa = withSecrets([
      found("httpbin-credential"),
      { state: "missing", namespace: "istio-system", name: "httpbin-credential-cacert" },
    ]);
    expect(codesOf(noCa, "MUTUAL")).toEqual(["TOP0307"]);
    expect(codesOf(noCa, "SIMPLE")).toEqual([]);
    const caKey = withSecrets([
      found("httpbin-credential", { caKey: "ca.crt" }),
      { state: "missing", namespace: "istio-system", name: "httpbin-credential-cacert" },
    ]);
    expect(codesOf(caKey, "MUTUAL")).toEqual([]);
    const caSecret = withSecrets([
      found("httpbin-credential"),
      found("httpbin-credential-cacert", { keys: ["cacert"], certificateKey: null, caKey: "cacert" }),
    ]);
    expect(codesOf(caSecret, "MUTUAL")).toEqual([]);
  });

  it("notes, without failing the object, a Secret the viewer may not read", () => {
    const context = withSecrets([
      {
        state: "forbidden",
        namespace: "istio-system",
        name: "httpbin-credential",
        message: "that needs the permission `get` on `secrets` in namespace istio-system",
      },
    ]);
    expect(checkGatewayCredentials(gateway("SIMPLE"), context)).toEqual([
      expect.objectContaining({ code: "TOP0308", severity: "info" }),
    ]);
  });

  it("does not look for credentials of ISTIO_MUTUAL or PASSTHROUGH servers", () => {
    const context = withSecrets([{ state: "missing", namespace: "istio-system", name: "httpbin-credential" }]);
    expect(codesOf(context, "ISTIO_MUTUAL")).toEqual([]);
    expect(codesOf(context, "PASSTHROUGH")).toEqual([]);
  });
});
