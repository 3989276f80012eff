import { CustomObjectsApi, KubeConfig } from "@kubernetes/client-node";
import { expect, test } from "@playwright/test";
import { IstioConfigPage } from "../pages/istio-config-page";

// The simulator the connected project starts writes this kubeconfig; the test reads the
// cluster directly, as kubectl would, to check what the console wrote.
const kubeconfig = ".topsail/e2e/kubeconfig";
const vsRef = {
  group: "networking.istio.io",
  version: "v1",
  namespace: "bookinfo",
  plural: "virtualservices",
  name: "reviews",
};

function customObjects(): CustomObjectsApi {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfig);
  return config.makeApiClient(CustomObjectsApi);
}

type Route = {
  route?: { destination?: { host?: string; subset?: string } }[];
  timeout?: string;
  retries?: { attempts?: number };
};
type LiveVs = { metadata: { resourceVersion: string }; spec: { http: Route[] } };

async function readReviews(): Promise<LiveVs | undefined> {
  try {
    return (await customObjects().getNamespacedCustomObject(vsRef)) as LiveVs;
  } catch {
    return undefined;
  }
}

const reviewsVs = (http0: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
${http0}`;

const withSubset = (subset: string) => reviewsVs("").replace("subset: v1", `subset: ${subset}`);

test.describe("the Istio config editor", () => {
  test.describe.configure({ mode: "serial" });

  test("lists Bookinfo's config with references and filters", async ({ page }) => {
    const config = new IstioConfigPage(page);
    await config.openList();
    await expect(page.getByRole("status").filter({ hasText: "Pick a namespace" })).toBeVisible();

    await config.openList("namespaces=bookinfo");
    const table = page.getByRole("table");
    await expect(table.getByRole("rowheader", { name: "bookinfo-gateway" })).toBeVisible();
    const vsRow = table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "bookinfo", exact: true }) });
    await expect(vsRow.getByRole("link", { name: "Gateway bookinfo/bookinfo-gateway" })).toBeVisible();
    await page.getByLabel("Kind").selectOption("DestinationRule");
    await expect(page).toHaveURL(/kind=DestinationRule/);
    await expect(table.getByRole("rowheader", { name: "bookinfo-gateway" })).toHaveCount(0);
    await expect(table.getByRole("rowheader", { name: "reviews" })).toBeVisible();
  });

  test("creates the reviews VirtualService, marks a bad subset before saving, saves the fix", async ({ page }) => {
    if (await readReviews()) await customObjects().deleteNamespacedCustomObject(vsRef);
    const config = new IstioConfigPage(page);

    // Create from YAML: the VirtualService template is a reviews route to subset v1.
    await config.openNew("bookinfo", "VirtualService");
    await config.setYaml(withSubset("v1"), "YAML of the new object");
    await config.waitForChecked();
    await config.reviewAndApply("Review and create…");
    await expect(page).toHaveURL(/\/istio\/bookinfo\/virtualservices\/reviews/);
    expect((await readReviews())?.spec.http[0]?.route?.[0]?.destination?.subset).toBe("v1");

    // A subset no DestinationRule defines is marked on its line before anything is saved.
    await config.setYaml(withSubset("v4"));
    const finding = config.findings.getByRole("button", { name: /KIA1107/ });
    await expect(finding).toBeVisible();
    await expect(finding).toContainText("Line 11");
    await expect(config.lintMarkers("warning").first()).toBeVisible();
    expect((await readReviews())?.spec.http[0]?.route?.[0]?.destination?.subset).toBe("v1");

    // Fix it, save through review (dry-run + diff), and the cluster has it.
    await config.setYaml(withSubset("v3"));
    await expect(config.findings.getByRole("button", { name: /KIA1107/ })).toHaveCount(0);
    await config.waitForChecked();
    await config.reviewAndApply();
    await expect(config.savedStatus).toBeVisible();
    expect((await readReviews())?.spec.http[0]?.route?.[0]?.destination?.subset).toBe("v3");
  });

  test("marks an unknown field and a wrongly typed weight as they are typed, before any review", async ({ page }) => {
    const config = new IstioConfigPage(page);
    await config.openObject("bookinfo", "virtualservices", "reviews");
    const before = (await readReviews())?.metadata.resourceVersion;
    // `weight` belongs to the route entry (six spaces), `timeoutt` to the rule (four).
    await config.setYaml(withSubset("v3") + '      weight: "lots"\n    timeoutt: 5s\n');

    // The same schema check the write path runs, in kube-apiserver's words, on the nodes themselves.
    await expect(config.findings.getByRole("button", { name: /TOP0005/ })).toContainText(
      'unknown field "spec.http[0].timeoutt"',
    );
    await expect(config.findings.getByRole("button", { name: /TOP0004/ })).toContainText(
      "spec.http[0].route[0].weight in body must be of type integer",
    );
    await expect(config.lintRanges("error")).toContainText(['weight: "lots"', "timeoutt: 5s"]);
    await expect(config.lintMarkers("error").first()).toBeVisible();
    expect((await readReviews())?.metadata.resourceVersion).toBe(before);
  });

  test("applies a route to a subset no DestinationRule defines only after the user confirms it", async ({ page }) => {
    const config = new IstioConfigPage(page);
    await config.openObject("bookinfo", "virtualservices", "reviews");
    await config.setYaml(withSubset("v9"));
    await config.waitForChecked();
    await page.getByRole("button", { name: "Review and save…" }).click();

    // The review names subset and service in words, and Apply waits for the explicit tick.
    await expect(config.dialog).toContainText("Subset v9 of reviews (bookinfo) is not defined in any DestinationRule");
    await expect(config.dialog).not.toContainText("svc.cluster.local+v9");
    const apply = config.dialog.getByRole("button", { name: "Apply", exact: true });
    await expect(apply).toBeDisabled();
    await config.dialog.getByRole("checkbox", { name: /Apply anyway/ }).check();
    await apply.click();
    await expect(config.dialog).toBeHidden();
    await expect(config.savedStatus).toBeVisible();
    expect((await readReviews())?.spec.http[0]?.route?.[0]?.destination?.subset).toBe("v9");

    // Back to a subset that serves, for the tests after this one (nothing to confirm).
    await config.setYaml(withSubset("v3"));
    await config.waitForChecked();
    await config.reviewAndApply();
    expect((await readReviews())?.spec.http[0]?.route?.[0]?.destination?.subset).toBe("v3");
  });

  test("refuses bad YAML with its line and column, and applies nothing", async ({ page }) => {
    const config = new IstioConfigPage(page);
    await config.openObject("bookinfo", "virtualservices", "reviews");
    const before = (await readReviews())?.metadata.resourceVersion;
    await config.setYaml("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: [reviews\n");
    await expect(config.findings).toContainText(/YAML syntax: .*\(line \d+, column \d+\)/);
    await expect(page.getByRole("button", { name: "Review and save…" })).toBeDisabled();
    await config.setYaml(withSubset("v3").replace("namespace: bookinfo", "namespace: default"));
    await expect(config.findings).toContainText('this page works in namespace "bookinfo"');
    expect((await readReviews())?.metadata.resourceVersion).toBe(before);
  });

  test("two users edit the same object: the second gets the conflict screen and keeps both changes", async ({
    browser,
  }) => {
    if (!(await readReviews())) {
      await customObjects().createNamespacedCustomObject({
        ...vsRef,
        body: {
          apiVersion: "networking.istio.io/v1",
          kind: "VirtualService",
          metadata: { name: "reviews", namespace: "bookinfo" },
          spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v3" } }] }] },
        },
      });
    }
    const subset = (await readReviews())?.spec.http[0]?.route?.[0]?.destination?.subset ?? "v3";
    const first = await browser.newContext();
    const second = await browser.newContext();
    const alice = new IstioConfigPage(await first.newPage());
    const bob = new IstioConfigPage(await second.newPage());
    await alice.openObject("bookinfo", "virtualservices", "reviews");
    await bob.openObject("bookinfo", "virtualservices", "reviews");

    // Alice adds a timeout and saves first.
    await alice.setYaml(withSubset(subset) + "    timeout: 5s\n");
    await alice.waitForChecked();
    await alice.reviewAndApply();
    await expect(alice.savedStatus).toBeVisible();

    // Bob, still on the version he loaded, adds retries: his save is refused as a conflict.
    await bob.setYaml(withSubset(subset) + "    retries:\n      attempts: 3\n");
    await bob.waitForChecked();
    await bob.page.getByRole("button", { name: "Review and save…" }).click();
    await expect(bob.conflictScreen).toBeVisible();
    await expect(bob.conflictScreen).toContainText("Someone changed this object");
    await expect(bob.conflictScreen.getByTestId("yaml-diff")).toContainText("timeout: 5s");
    expect((await readReviews())?.spec.http[0]?.retries).toBeUndefined();

    // He re-applies his edit on top of Alice's: both are live.
    await bob.conflictScreen.getByRole("button", { name: "Re-apply my edit on top of theirs" }).click();
    await bob.applyReviewed();
    await expect(bob.savedStatus).toBeVisible();
    const live = await readReviews();
    expect(live?.spec.http[0]?.timeout).toBe("5s");
    expect(live?.spec.http[0]?.retries?.attempts).toBe(3);
    await first.close();
    await second.close();
  });

  test("when both users change the same field, the second chooses, and the other's edits stay", async ({ browser }) => {
    // Start both from a plain route to v3.
    const current = await readReviews();
    if (!current) throw new Error("the reviews VirtualService should exist by now");
    await customObjects().replaceNamespacedCustomObject({
      ...vsRef,
      body: {
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name: "reviews", namespace: "bookinfo", resourceVersion: current.metadata.resourceVersion },
        spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v3" } }] }] },
      },
    });
    const first = await browser.newContext();
    const second = await browser.newContext();
    const alice = new IstioConfigPage(await first.newPage());
    const bob = new IstioConfigPage(await second.newPage());
    await alice.openObject("bookinfo", "virtualservices", "reviews");
    await bob.openObject("bookinfo", "virtualservices", "reviews");

    // Alice moves the route to v2 and adds a timeout; Bob, from the older version, moves it to v1.
    await alice.setYaml(withSubset("v2") + "    timeout: 7s\n");
    await alice.waitForChecked();
    await alice.reviewAndApply();
    await expect(alice.savedStatus).toBeVisible();
    await bob.setYaml(withSubset("v1"));
    await bob.waitForChecked();
    await bob.page.getByRole("button", { name: "Review and save…" }).click();
    await expect(bob.conflictScreen).toBeVisible();

    // The merge cannot pick a subset for him: it shows both values and waits for his choice.
    await bob.conflictScreen.getByRole("button", { name: "Re-apply my edit on top of theirs" }).click();
    const choice = bob.conflictScreen.getByRole("radiogroup", {
      name: "Value of spec/http[0]/route[0]/destination/subset",
    });
    await expect(choice).toContainText("v1");
    await expect(choice).toContainText("v2");
    await choice.getByRole("radio", { name: /Keep mine/ }).check();
    await bob.conflictScreen.getByRole("button", { name: "Re-apply my edit with these choices" }).click();
    await bob.applyReviewed();
    await expect(bob.savedStatus).toBeVisible();

    const live = await readReviews();
    expect(live?.spec.http[0]?.route?.[0]?.destination?.subset).toBe("v1");
    // Bob never touched the timeout: Alice's edit stays.
    expect(live?.spec.http[0]?.timeout).toBe("7s");
    await first.close();
    await second.close();
  });

  test("deletes an object only after confirmation", async ({ page }) => {
    const dr = { ...vsRef, plural: "destinationrules", name: "ratings-canary" };
    await customObjects().createNamespacedCustomObject({
      ...dr,
      body: {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name: dr.name, namespace: "bookinfo" },
        spec: { host: "ratings", subsets: [{ name: "v1", labels: { version: "v1" } }] },
      },
    });
    const config = new IstioConfigPage(page);
    await config.openObject("bookinfo", "destinationrules", dr.name);
    await page.getByRole("button", { name: "Delete…" }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText("Delete DestinationRule bookinfo/ratings-canary?");
    await confirm.getByRole("button", { name: "Keep it" }).click();
    expect(await customObjects().getNamespacedCustomObject(dr)).toBeTruthy();

    await page.getByRole("button", { name: "Delete…" }).click();
    await confirm.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page).toHaveURL(/\/istio\?namespaces=bookinfo$/);
    await expect(customObjects().getNamespacedCustomObject(dr)).rejects.toThrow();
  });
});
