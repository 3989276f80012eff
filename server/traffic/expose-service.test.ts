import { describe, expect, it } from "vitest";
import type { SecretFacts } from "@/lib/contracts/gateways";
import type { ValidationCheck } from "@/lib/contracts/validations";
import type { WriteRequest } from "@/server/istio-config";
import { applyExposeService, previewExposeService, type ExposeDeps } from "./expose-service";

const target = { namespace: "httpbin", service: "httpbin" };
const missing: SecretFacts = { state: "missing", namespace: "istio-system", name: "httpbin-credential" };
const missingCheck: ValidationCheck = {
  code: "TOP0301",
  severity: "error",
  message:
    "The credential Secret is not in the gateway workload's namespace: no Secret httpbin-credential in namespace istio-system",
  path: "spec/servers[0]/tls/credentialName",
};

function fakeDeps(options: { existing?: string[]; checks?: ValidationCheck[] } = {}) {
  const written: WriteRequest[] = [];
  const deps: ExposeDeps = {
    listServices: async () => [
      { namespace: "httpbin", name: "httpbin", selector: { app: "httpbin" }, ports: [{ port: 8000, protocol: "TCP" }] },
    ],
    findIstioObject: async (kind, namespace, name) => (options.existing ?? []).includes(`${kind}/${namespace}/${name}`),
    checkCredentials: async () => ({ credentials: options.checks ? [missing] : [], checks: options.checks ?? [] }),
    preview: async (request) => {
      written.push(request);
      return { outcomes: [], validations: [], routeRisks: [] };
    },
    apply: async (request) => {
      written.push(request);
      return [];
    },
  };
  return { deps, written };
}

const http = { input: { protocol: "HTTP" as const, host: "httpbin.example.com", servicePort: 8000 } };
const https = {
  input: {
    protocol: "HTTPS" as const,
    host: "httpbin.example.com",
    servicePort: 8000,
    credentialName: "httpbin-credential",
  },
};

describe("Expose this service through the write path", () => {
  it("creates the Gateway, then the VirtualService that names it, each only if still absent", async () => {
    const { deps, written } = fakeDeps();
    await applyExposeService(deps, target, http);
    expect(written[0]?.source).toBe("wizard");
    expect(written[0]?.changes.map((c) => [c.kind, c.name, c.baseResourceVersion])).toEqual([
      ["Gateway", "httpbin-gateway", null],
      ["VirtualService", "httpbin-ingress", null],
    ]);
  });

  it("refuses to overwrite a Gateway of the same name, naming it", async () => {
    const { deps, written } = fakeDeps({ existing: ["Gateway/httpbin/httpbin-gateway"] });
    await expect(applyExposeService(deps, target, http)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("Gateway httpbin/httpbin-gateway already exists"),
    });
    expect(written).toEqual([]);
  });

  it("refuses a port the service does not have, listing the ones it has", async () => {
    const { deps } = fakeDeps();
    await expect(applyExposeService(deps, target, { input: { ...http.input, servicePort: 80 } })).rejects.toMatchObject(
      { code: "bad_request", message: "servicePort: httpbin has no port 80; its ports are 8000" },
    );
  });

  it("previews an HTTPS Gateway whose Secret is missing with its code, and refuses to apply it", async () => {
    const { deps, written } = fakeDeps({ checks: [missingCheck] });
    const preview = await previewExposeService(deps, target, https);
    expect(preview.credentials).toEqual([missing]);
    expect(preview.credentialChecks.map((c) => c.code)).toEqual(["TOP0301"]);
    written.length = 0;
    await expect(applyExposeService(deps, target, https)).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringContaining("(TOP0301)"),
    });
    expect(written).toEqual([]);
  });
});
