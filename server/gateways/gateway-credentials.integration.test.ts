/**
 * Issue 19's acceptance "a gateway whose credential Secret is missing or expired is flagged with its code", against
 * the simulator: Secrets created through client-node's JSON (as a user's tooling would), a Gateway whose two HTTPS
 * servers name a Secret that is not in the ingress pod's namespace and one whose certificate has expired. The
 * Gateway detail and the config editor both show TOP0301 and TOP0304, no Secret bytes reach the response, and bob
 * (who may not read Secrets in istio-system) is told which permission he lacks.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CoreV1Api, CustomObjectsApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as gatewayGet } from "@/app/api/gateways/[namespace]/[name]/route";
import { GET as gatewaysGet } from "@/app/api/gateways/route";
import { GET as objectGet } from "@/app/api/istio/objects/[namespace]/[kind]/[name]/route";
import { gatewayDetailSchema, gatewayListSchema } from "@/lib/contracts/gateways";
import { istioObjectDetailSchema } from "@/lib/contracts/istio-objects";
import { runAsViewer, type Viewer } from "@/server/auth/viewer";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { DEMO_TOKENS_PATH, startSimulator, type RunningSimulator } from "@/sim/index";
import { waitFor } from "@/sim/test-support/wait-for";

const fixture = (name: string) => readFileSync(path.join(__dirname, "__fixtures__", name)).toString("base64");

const bob: Viewer = {
  name: "bob",
  groups: [],
  strategy: "token",
  credential: { kind: "bearer", token: "topsail-demo-bob" },
};

const params = (namespace: string, name: string) => ({ params: Promise.resolve({ namespace, name }) });

describe("a Gateway's credential Secrets, against the simulator", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("gateways", (paths) =>
      startSimulator({ port: 0, ...paths, tokensPath: DEMO_TOKENS_PATH }),
    );
    const kubeConfig = consoleEnv.connection.kubeConfig;
    await kubeConfig.makeApiClient(CoreV1Api).createNamespacedSecret({
      namespace: "istio-system",
      body: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "expired-credential", namespace: "istio-system" },
        type: "kubernetes.io/tls",
        data: { "tls.crt": fixture("expired.crt"), "tls.key": fixture("leaf.key") },
      },
    });
    await kubeConfig.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: "networking.istio.io",
      version: "v1",
      namespace: "bookinfo",
      plural: "gateways",
      body: {
        apiVersion: "networking.istio.io/v1",
        kind: "Gateway",
        metadata: { name: "secure", namespace: "bookinfo" },
        spec: {
          selector: { istio: "ingressgateway" },
          servers: [
            {
              port: { number: 443, name: "https-missing", protocol: "HTTPS" },
              hosts: ["missing.example.com"],
              tls: { mode: "SIMPLE", credentialName: "missing-credential" },
            },
            {
              port: { number: 8443, name: "https-expired", protocol: "HTTPS" },
              hosts: ["httpbin.example.com"],
              tls: { mode: "SIMPLE", credentialName: "expired-credential" },
            },
          ],
        },
      },
    });
  });

  afterAll(async () => {
    await consoleEnv?.stop();
  });

  async function detail() {
    // The Gateway reaches the console through its cache's watch.
    const response = await waitFor(async () => {
      const r = await gatewayGet(
        new Request("http://localhost/api/gateways/bookinfo/secure"),
        params("bookinfo", "secure"),
      );
      return r.status === 200 ? r : undefined;
    }, "the Gateway in the console's cache");
    const text = await response.text();
    return { text, body: gatewayDetailSchema.parse(JSON.parse(text)) };
  }

  it("flags the missing Secret with TOP0301 and the expired one with TOP0304 on the Gateway's page", async () => {
    const { text, body } = await detail();
    expect(body.checks.filter((c) => c.code.startsWith("TOP03")).map((c) => [c.code, c.path])).toEqual([
      ["TOP0301", "spec/servers[0]/tls/credentialName"],
      ["TOP0304", "spec/servers[1]/tls/credentialName"],
    ]);
    expect(body.servers[1]?.credentials).toEqual([
      expect.objectContaining({
        state: "found",
        namespace: "istio-system",
        certificate: expect.objectContaining({ notAfter: "2021-01-01T00:00:00.000Z" }),
      }),
    ]);
    expect(body.workloads.map((w) => `${w.namespace}/${w.name}`)).toEqual(["istio-system/istio-ingressgateway"]);
    expect(text).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE|LS0tLS1CRUdJTi/);
  });

  it("counts the errors in the Gateways list", async () => {
    await detail();
    const response = await gatewaysGet(new Request("http://localhost/api/gateways?namespaces=bookinfo"));
    const secure = gatewayListSchema.parse(await response.json()).find((g) => g.name === "secure");
    expect(secure).toMatchObject({ tlsModes: ["SIMPLE"], errors: 2 });
  });

  it("shows the same codes in the config editor's validations", async () => {
    await detail();
    const response = await objectGet(new Request("http://localhost/api/istio/objects/bookinfo/Gateway/secure"), {
      params: Promise.resolve({ namespace: "bookinfo", kind: "Gateway", name: "secure" }),
    });
    const body = istioObjectDetailSchema.parse(await response.json());
    expect(body.checks.map((c) => c.code)).toEqual(expect.arrayContaining(["TOP0301", "TOP0304"]));
  });

  it("tells a viewer who may not read Secrets which permission is missing", async () => {
    await detail();
    const body = await runAsViewer(bob, async () => {
      const response = await gatewayGet(
        new Request("http://localhost/api/gateways/bookinfo/secure"),
        params("bookinfo", "secure"),
      );
      return gatewayDetailSchema.parse(await response.json());
    });
    expect(body.checks.filter((c) => c.code.startsWith("TOP03")).map((c) => c.code)).toEqual(["TOP0308", "TOP0308"]);
    expect(body.servers[0]?.credentials[0]).toMatchObject({
      state: "forbidden",
      message: expect.stringContaining("`get` on `secrets` in namespace istio-system"),
    });
  });
});
