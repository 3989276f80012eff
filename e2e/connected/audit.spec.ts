import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { AuditPage } from "../pages/audit-page";

/**
 * Issue 21's audit page: with bookinfo selected in the top bar it lists only bookinfo's entries, a page at a time past
 * the first 100, and undoing a change shows what it would write and asks before writing it.
 *
 * The entries are made the way a user makes them, through the editor's API (each write is validated, dry-run, written
 * and audited): an AuthorizationPolicy that selects no workload and denies a path nobody asks for, so the simulator's
 * traffic (shared with the other specs) is untouched, updated 104 times; and the same policy in istio-system, which
 * the bookinfo list must not show. A name of this run keeps entries of earlier runs (the database outlives a run) out.
 */
const run = Date.now().toString(36);
const name = `e2e-audit-${run}`;
const updates = 104;

function customObjects(): CustomObjectsApi {
  const config = new KubeConfig();
  config.loadFromFile(".topsail/e2e/kubeconfig");
  return config.makeApiClient(CustomObjectsApi);
}

const policyRef = (namespace: string) => ({
  group: "security.istio.io",
  version: "v1",
  namespace,
  plural: "authorizationpolicies",
  name,
});

const policyYaml = (namespace: string, n: number) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    matchLabels:
      app: e2e-audit-selects-nothing
  action: DENY
  rules:
  - to:
    - operation:
        paths: ["/e2e-audit/${n}"]
`;

interface Applied {
  resourceVersion: string | null;
}

async function applied(answer: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<Applied> {
  expect(answer.ok(), await answer.text()).toBe(true);
  return (await answer.json()) as Applied;
}

async function livePaths(namespace: string): Promise<unknown> {
  const live = (await customObjects().getNamespacedCustomObject(policyRef(namespace))) as {
    spec: { rules: { to: { operation: { paths: string[] } }[] }[] };
  };
  return live.spec.rules[0]?.to[0]?.operation.paths;
}

test.describe("the audit page", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(async ({ request }, testInfo) => {
    test.setTimeout(240_000);
    // A hook's request context may not carry the project's baseURL: the URLs say where the console is.
    const consoleUrl = testInfo.project.use.baseURL;
    let { resourceVersion } = await applied(
      await request.post(`${consoleUrl}/api/istio/objects`, {
        data: { yaml: policyYaml("bookinfo", 0), namespace: "bookinfo" },
      }),
    );
    for (let n = 1; n <= updates; n++) {
      ({ resourceVersion } = await applied(
        await request.put(`${consoleUrl}/api/istio/objects/bookinfo/authorizationpolicies/${name}`, {
          data: { yaml: policyYaml("bookinfo", n), baseResourceVersion: resourceVersion },
        }),
      ));
    }
    // The newest entry of all: in istio-system, so a list that ignored the selection would show it first.
    await applied(
      await request.post(`${consoleUrl}/api/istio/objects`, {
        data: { yaml: policyYaml("istio-system", 0), namespace: "istio-system" },
      }),
    );
  });

  test.afterAll(async () => {
    for (const namespace of ["bookinfo", "istio-system"])
      await customObjects()
        .deleteNamespacedCustomObject(policyRef(namespace))
        .catch(() => undefined);
  });

  test("with bookinfo selected lists only bookinfo's entries, and pages past the first 100", async ({ page }) => {
    const audit = new AuditPage(page);
    await audit.open({ namespaces: "bookinfo" });
    await expect(page.getByTestId("audit-scope")).toContainText("Changes in bookinfo");
    await expect(audit.rows()).toHaveCount(50);
    expect(new Set(await audit.namespacesShown())).toEqual(new Set(["bookinfo"]));
    await expect(audit.rows().filter({ hasText: `istio-system/${name}` })).toHaveCount(0);

    // This run's policy alone has 105 entries: three pages, the last past 100.
    await audit.open({ namespaces: "bookinfo", kind: "AuthorizationPolicy", name });
    await expect(audit.position).toHaveText("Entries 1–50, and older ones");
    await expect(audit.rows().first()).toContainText("update");
    await audit.older();
    await expect(audit.position).toHaveText("Entries 51–100, and older ones");
    await audit.older();
    await expect(audit.position).toHaveText("Entries 101–105, the oldest");
    await expect(audit.rows()).toHaveCount(5);
    expect(new Set(await audit.namespacesShown())).toEqual(new Set(["bookinfo"]));
    // The oldest entry is the policy's creation.
    await expect(audit.rows().last()).toContainText("create");
    await expect(page.getByRole("button", { name: "Older" })).toBeDisabled();
    await page.getByRole("button", { name: "Newer" }).click();
    await expect(audit.position).toHaveText("Entries 51–100, and older ones");

    // The same policy in istio-system is there once istio-system is selected instead.
    await audit.open({ namespaces: "istio-system", kind: "AuthorizationPolicy", name });
    await expect(audit.rows()).toHaveCount(1);
    await expect(audit.rows().first()).toContainText(`istio-system/${name}`);
  });

  test("undo shows the diff it would write and writes nothing until the user applies it", async ({ page }) => {
    const audit = new AuditPage(page);
    await audit.open({ namespaces: "bookinfo", kind: "AuthorizationPolicy", name });
    await audit.select(audit.rows().first());
    // The entry's own diff: the changed line first, then the whole objects.
    const changed = audit.entry.getByTestId("yaml-diff").first();
    await expect(changed.locator('[data-op="remove"]').filter({ hasText: `/e2e-audit/${updates - 1}` })).toHaveCount(1);
    await expect(changed.locator('[data-op="add"]').filter({ hasText: `/e2e-audit/${updates}` })).toHaveCount(1);
    await expect(audit.entry.getByRole("region", { name: "Whole objects" })).toContainText("action: DENY");
    await expect(audit.entry.getByText("Writes the object back as it was before this change")).toBeVisible();

    await audit.previewRollback("Undo this change");
    // The review is the write from the live object back to the version before the change.
    const review = audit.review.getByTestId("yaml-diff").first();
    await expect(review.locator('[data-op="remove"]').filter({ hasText: `/e2e-audit/${updates}` })).toHaveCount(1);
    await expect(review.locator('[data-op="add"]').filter({ hasText: `/e2e-audit/${updates - 1}` })).toHaveCount(1);
    expect(await livePaths("bookinfo")).toEqual([`/e2e-audit/${updates}`]);

    // Cancelling writes nothing; asking again and applying does.
    await audit.review.getByRole("button", { name: "Cancel" }).click();
    await expect(audit.review).toHaveCount(0);
    expect(await livePaths("bookinfo")).toEqual([`/e2e-audit/${updates}`]);
    await audit.rollBack("Undo this change");
    expect(await livePaths("bookinfo")).toEqual([`/e2e-audit/${updates - 1}`]);
    await expect(audit.row("rollback").first()).toBeVisible({ timeout: 15_000 });
  });

  test("a link to an entry opens it whatever page of the list it is on", async ({ page, request }) => {
    const list = (await (
      await request.get(`/api/audit?namespaces=bookinfo&kind=AuthorizationPolicy&name=${name}&limit=1000`)
    ).json()) as { entries: { id: string; action: string }[] };
    const creation = list.entries.at(-1);
    expect(creation?.action).toBe("create");
    await page.goto(`/audit?entry=${creation?.id}`);
    await expect(
      page.getByRole("article", { name: `Audit entry for AuthorizationPolicy bookinfo/${name}` }),
    ).toBeVisible();
    await expect(page.getByRole("article")).toContainText("create of AuthorizationPolicy");
  });
});
