/**
 * "Expose this service" against the simulator, through the routes: httpbin exposed over HTTP shows on its
 * Gateway's page with the VirtualService bound to the host; HTTPS with a Secret the ingress namespace lacks is
 * previewed with TOP0301 and refused on apply, with nothing written.
 */
import { CustomObjectsApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as exposePost } from "@/app/api/expose/[namespace]/[service]/route";
import { POST as previewPost } from "@/app/api/expose/[namespace]/[service]/preview/route";
import { GET as gatewayGet } from "@/app/api/gateways/[namespace]/[name]/route";
import { exposeAppliedSchema, exposePreviewSchema } from "@/lib/contracts/expose";
import { gatewayDetailSchema } from "@/lib/contracts/gateways";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { waitFor } from "@/sim/test-support/wait-for";

const params = { params: Promise.resolve({ namespace: "httpbin", service: "httpbin" }) };
const body = (input: unknown) =>
  new Request("http://localhost/api/expose/httpbin/httpbin", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ input }),
  });

describe("Expose this service, against the simulator", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("expose", (paths) => startSimulator({ port: 0, ...paths }));
  });

  afterAll(async () => {
    await consoleEnv?.stop();
  });

  it("creates a Gateway and a VirtualService bound to the host, shown on the Gateway's page", async () => {
    const input = { protocol: "HTTP", host: "httpbin.example.com", servicePort: 8000 };
    const preview = exposePreviewSchema.parse(await (await previewPost(body(input), params)).json());
    expect(preview.changes.map((c) => [c.kind, c.name, c.action])).toEqual([
      ["Gateway", "httpbin-gateway", "create"],
      ["VirtualService", "httpbin-ingress", "create"],
    ]);
    const response = await exposePost(body(input), params);
    expect(response.status).toBe(200);
    expect(exposeAppliedSchema.parse(await response.json()).changes).toHaveLength(2);

    const detail = gatewayDetailSchema.parse(
      await (
        await gatewayGet(new Request("http://localhost/api/gateways/httpbin/httpbin-gateway"), {
          params: Promise.resolve({ namespace: "httpbin", name: "httpbin-gateway" }),
        })
      ).json(),
    );
    expect(detail.servers[0]?.hosts).toEqual([
      {
        host: "httpbin.example.com",
        virtualServices: [{ namespace: "httpbin", name: "httpbin-ingress", hosts: ["httpbin.example.com"] }],
      },
    ]);
    expect(detail.workloads.map((w) => w.name)).toEqual(["istio-ingressgateway"]);
  });

  it("previews HTTPS with a missing Secret as TOP0301 and refuses to apply it", async () => {
    // The HTTP exposure above holds the names: remove it through the API as a user would.
    const custom = consoleEnv.connection.kubeConfig.makeApiClient(CustomObjectsApi);
    const group = { group: "networking.istio.io", version: "v1", namespace: "httpbin" };
    await custom.deleteNamespacedCustomObject({ ...group, plural: "gateways", name: "httpbin-gateway" });
    await custom.deleteNamespacedCustomObject({ ...group, plural: "virtualservices", name: "httpbin-ingress" });
    const input = {
      protocol: "HTTPS",
      host: "httpbin.example.com",
      servicePort: 8000,
      credentialName: "no-such-credential",
    };
    const preview = await waitFor(async () => {
      const r = await previewPost(body(input), params);
      return r.status === 200 ? exposePreviewSchema.parse(await r.json()) : undefined;
    }, "the deletions in the console's cache");
    expect(preview.credentialChecks.map((c) => c.code)).toEqual(["TOP0301"]);
    expect(preview.credentials).toEqual([{ state: "missing", namespace: "istio-system", name: "no-such-credential" }]);

    const refused = await exposePost(body(input), params);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("TOP0301");
    await expect(
      custom.getNamespacedCustomObject({ ...group, plural: "gateways", name: "httpbin-gateway" }),
    ).rejects.toMatchObject({ code: 404 });
  });
});
