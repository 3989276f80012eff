import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { anyoneToReviews, jasonToReviews } from "./__fixtures__/bookinfo-explanations";
import { renderWithQueryClient } from "@/components/test-support/render-with-query-client";

/**
 * The page in a browser without Next.js: the URL is a variable the fake router rewrites, and
 * the API is a table of answers by path, so each test reads what the page asked and what it shows.
 */
const url = { current: new URLSearchParams() };
const navigate = vi.fn((href: string) => {
  url.current = new URLSearchParams(href.split("?")[1] ?? "");
});
vi.mock("next/navigation", () => ({
  useSearchParams: () => url.current,
  useRouter: () => ({ push: navigate, replace: navigate }),
  usePathname: () => "/explain",
}));

const { ExplainView } = await import("./explain-view");

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

const health = { status: "healthy", reasons: [] };
const workload = (name: string) => ({
  namespace: "bookinfo",
  name,
  kind: "Deployment",
  app: name.replace(/-v\d+$/, ""),
  version: "v1",
  labels: {},
  desiredReplicas: 1,
  availableReplicas: 1,
  pods: 1,
  podsWithoutSidecar: 0,
  podsOutOfMesh: 0,
  services: [],
  health,
  config: [],
});
const service = (name: string) => ({
  namespace: "bookinfo",
  name,
  labels: {},
  selector: { app: name },
  ports: [{ port: 9080, protocol: "TCP" }],
  versions: [],
  workloads: [],
  podsWithoutSidecar: 0,
  podsOutOfMesh: 0,
  health,
  config: [],
});

/** Answers by path; the explainer's answer is given per test. */
function fakeApi(explanation: () => Response) {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (requested: string) => {
      asked.push(requested);
      const path = requested.split("?")[0];
      if (path === "/api/namespaces") return json({ namespaces: [{ name: "bookinfo", labels: {}, phase: "Active" }] });
      if (path === "/api/namespaces/bookinfo/workloads")
        return json({ namespace: "bookinfo", items: ["productpage-v1", "reviews-v2"].map(workload) });
      if (path === "/api/namespaces/bookinfo/services")
        return json({ namespace: "bookinfo", items: ["reviews", "ratings"].map(service) });
      if (path === "/api/gateways")
        return json([
          {
            namespace: "bookinfo",
            name: "bookinfo-gateway",
            selector: { istio: "ingressgateway" },
            ports: ["80"],
            hosts: ["bookinfo.example.com"],
            tlsModes: [],
            workloads: [{ namespace: "istio-system", name: "istio-ingressgateway" }],
            errors: 0,
            warnings: 0,
          },
        ]);
      if (path === "/api/namespaces/bookinfo/explain-request") return explanation();
      return json({ error: { code: "not_found", message: `no fake for ${path}` } }, 404);
    }),
  );
  return asked;
}

function renderView() {
  return renderWithQueryClient(<ExplainView />);
}

/** A hop's own card (its next hops are beside it, not in it). */
const hopCard = (path: RegExp) => screen.getByRole("heading", { name: path }).closest("section") as HTMLElement;
/** A hop with its next hops under it. */
const hopItem = (path: RegExp) => screen.getByRole("heading", { name: path }).closest("li") as HTMLElement;

describe("the request explainer page", () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
    navigate.mockClear();
  });
  afterEach(cleanup);

  describe("when jason asks for reviews", () => {
    beforeEach(async () => {
      url.current = new URLSearchParams(
        "namespace=bookinfo&source=productpage-v1&host=reviews&port=9080&path=/reviews/0&header=end-user:jason",
      );
      fakeApi(() => json(jasonToReviews));
      renderView();
      await screen.findByRole("heading", { name: /^productpage-v1 → reviews\.bookinfo\.svc\.cluster\.local:9080/ });
    });

    it("names the header rule as matched and sends everything to v2", () => {
      const first = hopCard(/^productpage-v1 → reviews/);
      const rules = within(first).getAllByTestId("rule");
      expect(rules).toHaveLength(1);
      expect(rules[0]?.textContent).toMatch(/✓rule 0 matched — header end-user: exact "jason"/);
      const rule = within(rules[0]!).getByRole("link", { name: "rule 0" });
      expect(rule.getAttribute("href")).toBe("/istio/bookinfo/virtualservices/reviews?namespaces=bookinfo&line=9");
      const rows = within(first).getAllByTestId("destination");
      expect(rows.map((r) => [r.dataset.subset, within(r).getByTestId("destination-share").textContent])).toEqual([
        ["v2", "100.0%"],
      ]);
    });

    it("shows the next hop to ratings under reviews, with its 7 s delay set apart", () => {
      const nextHops = within(hopItem(/^productpage-v1 → reviews/)).getByRole("list", {
        name: "Calls reviews makes next",
      });
      const ratingsHop = within(nextHops).getByRole("heading", { name: /^reviews-v2 → ratings\.bookinfo/ });
      expect(ratingsHop).toBeTruthy();
      const fault = within(nextHops).getByRole("region", { name: "Fault injection" });
      expect(fault.textContent).toContain("Delay of 7.00 s for 100.0% of requests");
      // The delay is ratings', not reviews': the first hop's own card has no fault.
      expect(
        within(hopCard(/^productpage-v1 → reviews/)).queryByRole("region", { name: "Fault injection" }),
      ).toBeNull();
      expect(within(nextHops).getByTestId("retries").textContent).toContain("(Istio default)");
    });
  });

  it("for anyone else, shows the header rule skipped with its reason and the catch-all's 50/50", async () => {
    url.current = new URLSearchParams("namespace=bookinfo&source=productpage-v1&host=reviews&path=/reviews/0");
    fakeApi(() => json(anyoneToReviews));
    renderView();
    await screen.findByRole("heading", { name: /^productpage-v1 → reviews/ });
    const [skipped, matched] = screen.getAllByTestId("rule");
    expect(skipped?.textContent).toBe(
      '✗rule 0 skipped: header end-user: exact "jason" — the request has no end-user header',
    );
    expect(matched?.textContent).toMatch(/^✓rule 1 matched — no match conditions/);
    const rows = screen.getAllByTestId("destination");
    expect(rows.map((r) => [r.dataset.subset, within(r).getByTestId("destination-share").textContent])).toEqual([
      ["v1", "50.0%"],
      ["v3", "50.0%"],
    ]);
    expect(screen.queryByRole("region", { name: "Fault injection" })).toBeNull();
  });

  it("says in words why the API refused the question, next to the form", async () => {
    url.current = new URLSearchParams("namespace=bookinfo&source=nosuch-v1&host=reviews");
    fakeApi(() =>
      json(
        { error: { code: "validation", message: "bookinfo has no workload `nosuch-v1` (productpage-v1, reviews-v2)" } },
        400,
      ),
    );
    renderView();
    const alert = await screen.findByTestId("explain-error");
    expect(alert.textContent).toBe("bookinfo has no workload nosuch-v1 (productpage-v1, reviews-v2)");
    expect(within(screen.getByRole("region", { name: "Question" })).getByTestId("explain-error")).toBe(alert);
    expect(screen.queryByRole("list", { name: "Hops" })).toBeNull();
  });

  it("builds the question from the form: caller, host, port, path and each header row, then asks exactly that", async () => {
    url.current = new URLSearchParams("namespaces=bookinfo");
    const asked = fakeApi(() => json(jasonToReviews));
    renderView();
    const user = userEvent.setup();
    await screen.findByRole("option", { name: "productpage-v1" });
    await user.selectOptions(screen.getByLabelText("Source workload"), "productpage-v1");
    await user.type(screen.getByLabelText("Host"), "reviews");
    await user.type(screen.getByLabelText("Port"), "9080");
    await user.clear(screen.getByLabelText("Path"));
    await user.type(screen.getByLabelText("Path"), "/reviews/0");
    await user.click(screen.getByRole("button", { name: "Add a header" }));
    await user.type(screen.getByLabelText("Header 1 name"), "end-user");
    await user.type(screen.getByLabelText("Header 1 value"), "jason");
    await user.click(screen.getByRole("button", { name: "Add a header" }));
    await user.type(screen.getByLabelText("Header 2 name"), "x-canary");
    await user.type(screen.getByLabelText("Header 2 value"), "1");
    await user.click(screen.getByRole("button", { name: "Add a header" }));
    await user.click(screen.getByRole("button", { name: "Remove header 3" }));
    await user.click(screen.getByRole("button", { name: "Explain" }));

    // The question goes to the URL (a shareable link), keeping the top bar's selection…
    expect(navigate).toHaveBeenLastCalledWith(
      "/explain?namespaces=bookinfo&namespace=bookinfo&source=productpage-v1&host=reviews&port=9080&method=GET" +
        "&path=%2Freviews%2F0&header=end-user%3Ajason&header=x-canary%3A1",
      { scroll: false },
    );
    // …and the page asks the URL's question, each header a `headers` parameter of its own.
    cleanup();
    renderView();
    await screen.findByRole("heading", { name: /^productpage-v1 → reviews/ });
    expect(asked.filter((u) => u.includes("explain-request"))).toEqual([
      "/api/namespaces/bookinfo/explain-request?sourceWorkload=productpage-v1&host=reviews&port=9080" +
        "&path=%2Freviews%2F0&method=GET&headers=end-user%3Ajason&headers=x-canary%3A1",
    ]);
  });

  it("asks nothing and says what is missing when the caller is not chosen", async () => {
    url.current = new URLSearchParams("namespace=bookinfo&host=reviews");
    const asked = fakeApi(() => json(jasonToReviews));
    renderView();
    await userEvent.click(screen.getByRole("button", { name: "Explain" }));
    expect(screen.getByText("choose the calling workload")).toBeTruthy();
    expect(navigate).not.toHaveBeenCalled();
    expect(asked.some((u) => u.includes("explain-request"))).toBe(false);
  });

  it("moves the question to a gateway's namespace when the caller is the ingress gateway", async () => {
    url.current = new URLSearchParams("namespace=bookinfo");
    fakeApi(() => json(jasonToReviews));
    renderView();
    const gateway = await screen.findByRole("option", { name: "istio-ingressgateway (istio-system)" });
    await userEvent.selectOptions(screen.getByLabelText("Source workload"), gateway);
    await userEvent.type(screen.getByLabelText("Host"), "bookinfo.example.com");
    await userEvent.click(screen.getByRole("button", { name: "Explain" }));
    expect(navigate).toHaveBeenLastCalledWith(
      "/explain?namespace=istio-system&source=istio-ingressgateway&host=bookinfo.example.com&method=GET&path=%2F",
      { scroll: false },
    );
  });
});
