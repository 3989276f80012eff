import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { GatewaysPage } from "../pages/gateways-page";
import { SecurityPage } from "../pages/security-page";

/**
 * Issue 19's Gateways and Security pages as a user drives them: a Gateway's servers with the VirtualServices bound
 * to its hosts, a Gateway whose credential Secret is missing flagged with its code, and an AuthorizationPolicy
 * replayed against the callers Prometheus saw before it can be applied. Nothing is applied to Bookinfo: the specs
 * share one simulator.
 */
const kubeconfig = ".topsail/e2e/kubeconfig";
const brokenGateway = {
  group: "networking.istio.io",
  version: "v1",
  namespace: "istio-system",
  plural: "gateways",
  name: "e2e-missing-credential",
};

function customObjects(): CustomObjectsApi {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfig);
  return config.makeApiClient(CustomObjectsApi);
}

test.describe("the Gateways page", () => {
  test.afterAll(async () => {
    await customObjects()
      .deleteNamespacedCustomObject(brokenGateway)
      .catch(() => undefined);
  });

  test("shows bookinfo-gateway's server with the VirtualService bound to its host", async ({ page }) => {
    const gateways = new GatewaysPage(page);
    await gateways.open("bookinfo");
    await expect(gateways.row("bookinfo-gateway")).toContainText("8080");
    await gateways.openDetail("bookinfo-gateway");
    await expect(gateways.detail).toContainText("istio-system/istio-ingressgateway");
    const server = gateways.server(1);
    await expect(server.getByRole("heading", { level: 3 })).toContainText("Port 8080 HTTP");
    await expect(server.getByRole("link", { name: "bookinfo/bookinfo" })).toBeVisible();
  });

  test("flags a Gateway whose credential Secret is missing with TOP0301", async ({ page }) => {
    await customObjects().createNamespacedCustomObject({
      ...brokenGateway,
      body: {
        apiVersion: "networking.istio.io/v1",
        kind: "Gateway",
        metadata: { name: brokenGateway.name, namespace: brokenGateway.namespace },
        spec: {
          selector: { istio: "ingressgateway" },
          servers: [
            {
              port: { number: 443, name: "https", protocol: "HTTPS" },
              hosts: ["e2e.example.com"],
              tls: { mode: "SIMPLE", credentialName: "e2e-no-such-secret" },
            },
          ],
        },
      },
    });
    const gateways = new GatewaysPage(page);
    // The console's cache sees the new Gateway through its watch; a reload shows it.
    await expect(async () => {
      await gateways.open("istio-system");
      await expect(gateways.row(brokenGateway.name)).toContainText("SIMPLE", { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await gateways.openDetail(brokenGateway.name);
    const findings = gateways.findings();
    await expect(findings).toContainText("TOP0301");
    await expect(findings).toContainText("spec/servers[0]/tls/credentialName");
    await expect(findings).toContainText("e2e-no-such-secret");
    await expect(gateways.server(1)).toContainText("credentialName: e2e-no-such-secret");
  });
});

test.describe("the Security page", () => {
  test("replays a policy against the observed callers before it can be applied", async ({ page }) => {
    const security = new SecurityPage(page);
    await security.open("bookinfo");
    await expect(security.namespace("bookinfo").getByRole("heading", { name: "Mutual TLS" })).toBeVisible();

    await security.field("Name").fill("ratings-from-productpage-only");
    await security.field("Workload labels (selector)").fill("app=ratings");
    await security.field("From principals").fill("cluster.local/ns/bookinfo/sa/bookinfo-productpage");
    await expect(security.button("Apply")).toBeDisabled();

    await security.button("Replay against observed traffic").click();
    // reviews v2 and v3 call ratings in Bookinfo; a policy allowing only productpage would deny them both.
    await expect(security.caller("bookinfo/reviews-v2")).toContainText("denied");
    await expect(security.caller("bookinfo/reviews-v3")).toContainText("denied");
    await expect(security.caller("bookinfo/reviews-v2").getByRole("cell").nth(4)).toHaveText("allowed");
    await expect(security.replay.getByRole("status")).toContainText("newly denied");
    await expect(security.button("Apply")).toBeEnabled();

    // A form edited after its replay must be replayed again before Apply.
    await security.field("From namespaces").fill("bookinfo");
    await expect(security.button("Apply")).toBeDisabled();
    await expect(security.workbench).toContainText("The form changed since this replay: replay it again.");
  });
});
