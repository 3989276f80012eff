/**
 * The simulator's TLS material, as kind and minikube do it: a CA generated on first start
 * and kept beside the state, and a server certificate for 127.0.0.1/localhost signed by it.
 * Keys come from node:crypto (fast, native); node-forge builds and signs the X.509
 * certificates so no ASN.1 is written by hand.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

export interface TlsMaterial {
  /** Bearer token of the generated kubeconfig's admin user, kept beside the CA. */
  adminToken: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

interface KeyPair {
  privateKeyPem: string;
  publicKey: forge.pki.PublicKey;
  privateKey: forge.pki.rsa.PrivateKey;
}

function newKeyPair(): KeyPair {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  return { privateKeyPem, privateKey: forgeKey, publicKey: forge.pki.rsa.setPublicKey(forgeKey.n, forgeKey.e) };
}

function serial(): string {
  // Positive, non-zero serial: clear the top bit.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString("hex");
}

function validity(cert: forge.pki.Certificate, years: number): void {
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 60 * 60 * 1000);
}

function createCa(): { certPem: string; keyPem: string } {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  validity(cert, 10);
  const subject = [{ name: "commonName", value: "topsail-sim-ca" }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

function createServerCert(caCertPem: string, caKeyPem: string): { certPem: string; keyPem: string } {
  const ca = forge.pki.certificateFromPem(caCertPem);
  const caKey = forge.pki.privateKeyFromPem(caKeyPem);
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  validity(cert, 1);
  cert.setSubject([{ name: "commonName", value: "topsail-sim-apiserver" }]);
  cert.setIssuer(ca.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    {
      name: "subjectAltName",
      altNames: [
        { type: 7, ip: "127.0.0.1" },
        { type: 2, value: "localhost" },
      ],
    },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

/** Loads the CA from `dir` (creating it on first start) and issues a fresh server certificate. */
export function ensureTlsMaterial(dir: string): TlsMaterial {
  mkdirSync(dir, { recursive: true });
  const caCertPath = join(dir, "ca.crt");
  const caKeyPath = join(dir, "ca.key");
  if (!existsSync(caCertPath) || !existsSync(caKeyPath)) {
    const ca = createCa();
    writeFileSync(caKeyPath, ca.keyPem, { mode: 0o600 });
    writeFileSync(caCertPath, ca.certPem);
  }
  const tokenPath = join(dir, "admin-token");
  if (!existsSync(tokenPath)) writeFileSync(tokenPath, randomBytes(24).toString("base64url"), { mode: 0o600 });
  const caPem = readFileSync(caCertPath, "utf8");
  const server = createServerCert(caPem, readFileSync(caKeyPath, "utf8"));
  return { adminToken: readFileSync(tokenPath, "utf8").trim(), caPem, certPem: server.certPem, keyPem: server.keyPem };
}
