import { describe, expect, it } from "vitest";
import { toSecretFacts } from "./secret-facts";
import { pem } from "./test-support/pem-fixtures";

const secret = (entries: Record<string, Buffer>) => ({
  namespace: "istio-system",
  name: "httpbin-credential",
  data: new Map(Object.entries(entries)),
});

describe("what a gateway would make of a credential Secret", () => {
  it("reads the subject, names and dates of a tls.crt/tls.key Secret, and nothing of the key", () => {
    const facts = toSecretFacts(secret({ "tls.crt": pem("valid.crt"), "tls.key": pem("leaf.key") }));
    expect(facts).toEqual({
      state: "found",
      namespace: "istio-system",
      name: "httpbin-credential",
      keys: ["tls.crt", "tls.key"],
      certificateKey: "tls.crt",
      certificate: {
        subject: "CN=httpbin.example.com",
        issuer: "O=Topsail test CA, CN=Topsail test CA",
        dnsNames: ["httpbin.example.com", "*.apps.example.com"],
        commonName: "httpbin.example.com",
        notBefore: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        notAfter: "2126-11-11T06:54:07.000Z",
      },
      certificateError: null,
      caKey: null,
    });
    expect(JSON.stringify(facts)).not.toContain("PRIVATE KEY");
    expect(JSON.stringify(facts)).not.toContain("BEGIN CERTIFICATE");
  });

  it("takes cert/key before tls.crt/tls.key, as Istio does, and sees a CA key", () => {
    const facts = toSecretFacts(
      secret({
        cert: pem("expired.crt"),
        key: pem("leaf.key"),
        "tls.crt": pem("valid.crt"),
        "tls.key": pem("leaf.key"),
        cacert: pem("ca.crt"),
      }),
    );
    expect(facts.certificateKey).toBe("cert");
    expect(facts.certificate?.notAfter).toBe("2021-01-01T00:00:00.000Z");
    expect(facts.caKey).toBe("cacert");
  });

  it("reports a Secret without a complete key pair, naming no certificate", () => {
    const facts = toSecretFacts(secret({ "tls.crt": pem("valid.crt") }));
    expect(facts).toMatchObject({ keys: ["tls.crt"], certificateKey: null, certificate: null });
  });

  it("says why a certificate that is not PEM does not parse", () => {
    const facts = toSecretFacts(secret({ cert: Buffer.from("not a certificate"), key: pem("leaf.key") }));
    expect(facts.certificate).toBeNull();
    expect(facts.certificateError).toEqual(expect.any(String));
  });
});
