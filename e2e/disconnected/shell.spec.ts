import { expect, test } from "@playwright/test";
import { ShellPage } from "../pages/shell-page";

test.describe("the console with nothing to connect to", () => {
  test("shows the shell and explains what is missing and how to start it", async ({ page }) => {
    const cspViolations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text()))
        cspViolations.push(message.text());
    });

    const shell = new ShellPage(page);
    await shell.open();

    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(shell.nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    await expect(shell.namespaceSelector).toBeVisible();

    const kube = shell.statusCard("Kubernetes");
    await expect(kube).toContainText("Not connected");
    await expect(kube).toContainText("No Kubernetes credentials found");
    await expect(kube).toContainText("npm run sim");

    const prometheus = shell.statusCard("Prometheus");
    await expect(prometheus).toContainText("Not connected");
    await expect(prometheus).toContainText("http://127.0.0.1:1");
    await expect(prometheus).toContainText("TOPSAIL_PROMETHEUS_URL");

    await expect(shell.statusCard("Database")).toContainText("Ready");
    await expect(shell.connections.getByText("Kubernetes")).toBeVisible();

    // Hydration ran under the CSP: the theme toggle is interactive and nothing was blocked.
    await page.getByRole("button", { name: /Switch to (dark|light) theme/ }).click();
    await expect(page.locator("html")).toHaveClass(/dark|light/);
    expect(cspViolations).toEqual([]);
  });

  test("the namespace selector says why it cannot list namespaces", async ({ page }) => {
    const shell = new ShellPage(page);
    await shell.open();
    await shell.namespaceSelector.click();
    await expect(page.getByRole("alert")).toContainText("Cannot list namespaces");
  });

  test("answers /api/status with all three parts", async ({ request }) => {
    const response = await request.get("/api/status");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ kubernetes: { ok: false }, prometheus: { ok: false }, database: { ok: true } });
    expect(body.kubernetes.message).toEqual(expect.any(String));
  });

  test("refuses cross-site writes and sends the security headers", async ({ request }) => {
    const crossSite = await request.post("/api/status", {
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      data: "{}",
    });
    expect(crossSite.status()).toBe(403);
    expect((await crossSite.json()).error.code).toBe("forbidden");

    const form = await request.post("/api/status", { form: { a: "1" } });
    expect(form.status()).toBe(415);

    const page = await request.get("/");
    expect(page.headers()["x-frame-options"]).toBe("DENY");
    expect(page.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  test("answers a path that is not valid percent-encoding with a JSON 400 and the security headers", async ({
    request,
  }) => {
    for (const path of ["/api/istio/objects/bookinfo/VirtualService/%C0%AE", "/services/%C0%AE"]) {
      const response = await request.get(path);
      expect(response.status()).toBe(400);
      expect(response.headers()["x-frame-options"]).toBe("DENY");
      expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      expect((await response.json()).error).toMatchObject({
        code: "bad_request",
        message: expect.stringContaining("%C0%AE"),
      });
    }
  });
});
