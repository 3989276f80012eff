import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";

/**
 * Issue 19's AuthorizationPolicy detail page: the Security page's policy list opens it; it says whom the policy
 * applies to and what each rule means, and links to the YAML editor and the audit log. The policy denies a namespace
 * nobody calls from, so the simulator's traffic (shared with other specs) is untouched; the spec deletes it after.
 */
const ref = {
  group: "security.istio.io",
  version: "v1",
  namespace: "bookinfo",
  plural: "authorizationpolicies",
  name: "e2e-deny-nowhere",
};

function customObjects(): CustomObjectsApi {
  const config = new KubeConfig();
  config.loadFromFile(".topsail/e2e/kubeconfig");
  return config.makeApiClient(CustomObjectsApi);
}

test.describe("an AuthorizationPolicy's detail page", () => {
  test.beforeAll(async () => {
    await customObjects().createNamespacedCustomObject({
      ...ref,
      body: {
        apiVersion: "security.istio.io/v1",
        kind: "AuthorizationPolicy",
        metadata: { name: ref.name, namespace: ref.namespace },
        spec: {
          selector: { matchLabels: { app: "ratings" } },
          action: "DENY",
          rules: [{ from: [{ source: { namespaces: ["nowhere"] } }], to: [{ operation: { methods: ["DELETE"] } }] }],
        },
      },
    });
  });

  test.afterAll(async () => {
    await customObjects().deleteNamespacedCustomObject(ref);
  });

  test("opens from the Security page and reads the policy in words", async ({ page }) => {
    await page.goto("/security?namespaces=bookinfo");
    await page.getByRole("link", { name: `bookinfo/${ref.name}` }).click();
    // The shell adds the remembered namespaces to the address once the page is in (namespace memory), so the
    // address may or may not carry `?namespaces=` by the time it is read.
    await expect(page).toHaveURL(new RegExp(`/security/authorization/bookinfo/${ref.name}(\\?namespaces=bookinfo)?$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`AuthorizationPolicy bookinfo/${ref.name}`);
    await expect(page.getByTestId("policy-action")).toHaveText("DENY");
    await expect(page.getByTestId("policy-scope")).toHaveText("Workloads labelled app=ratings in namespace bookinfo");
    await expect(page.getByTestId("policy-workloads")).toContainText("bookinfo/ratings-v1");
    await expect(page.getByTestId("policy-rules")).toContainText("from (namespace is nowhere), to (method is DELETE)");
    // Nobody calls from `nowhere`: every observed caller of ratings is allowed, none by this policy's doing.
    await expect(page.getByTestId("policy-effect").locator('tr[data-decided-here="true"]')).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit YAML" })).toHaveAttribute(
      "href",
      `/istio/bookinfo/authorizationpolicies/${ref.name}?namespaces=bookinfo`,
    );
    await expect(page.getByRole("link", { name: "Audit log" })).toHaveAttribute(
      "href",
      `/audit?namespaces=bookinfo&kind=AuthorizationPolicy&name=${ref.name}`,
    );
  });
});
