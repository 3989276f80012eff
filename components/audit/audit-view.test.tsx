import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditEntrySummary, AuditList } from "@/lib/contracts/audit";
import { renderWithQueryClient } from "@/components/test-support/render-with-query-client";

/**
 * The page in a browser without Next.js: the URL is a variable the fake router rewrites, so each test reads what the
 * page asked the API for and where it sent the user.
 */
const url = { current: new URLSearchParams() };
const replace = vi.fn((href: string) => {
  url.current = new URLSearchParams(href.split("?")[1] ?? "");
});
vi.mock("next/navigation", () => ({
  useSearchParams: () => url.current,
  useRouter: () => ({ replace }),
  usePathname: () => "/audit",
}));

const { AuditView } = await import("./audit-view");

const summary = (i: number, namespace = "bookinfo"): AuditEntrySummary => ({
  id: `e${i}`,
  createdAt: new Date(Date.UTC(2026, 11, 1, 10, 0, i)).toISOString(),
  actor: "alice",
  actorGroups: [],
  action: "update",
  source: "wizard",
  kind: "VirtualService",
  namespace,
  name: `route-${i}`,
  comment: null,
  status: "applied",
  error: null,
  hasAfter: true,
  hasBefore: true,
});

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });

function fakeApi(pages: Record<string, AuditList>) {
  const asked: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (requested: string) => {
      asked.push(requested);
      const cursor = new URL(requested, "http://console").searchParams.get("cursor") ?? "";
      return json(pages[cursor] ?? { entries: [], nextCursor: null });
    }),
  );
  return asked;
}

function renderView() {
  return renderWithQueryClient(<AuditView />);
}

describe("the audit page", () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
    replace.mockClear();
  });
  afterEach(cleanup);

  it("asks for the top bar's namespaces and says so, and pages older keeping the selection", async () => {
    url.current = new URLSearchParams("namespaces=bookinfo&kind=VirtualService");
    const asked = fakeApi({
      "": { entries: Array.from({ length: 50 }, (_, i) => summary(100 - i)), nextCursor: "1000.e51" },
      "1000.e51": { entries: [summary(50)], nextCursor: null },
    });
    const view = renderView();
    await screen.findByText("VirtualService bookinfo/route-100");
    expect(asked[0]).toBe("/api/audit?kind=VirtualService&namespaces=bookinfo&limit=50");
    expect(screen.getByTestId("audit-scope").textContent).toContain("Changes in bookinfo");
    expect(screen.getByTestId("audit-page-position").textContent).toBe("Entries 1–50, and older ones");

    await userEvent.click(screen.getByRole("button", { name: "Older" }));
    expect(replace).toHaveBeenLastCalledWith("/audit?namespaces=bookinfo&kind=VirtualService&cursor=1000.e51", {
      scroll: false,
    });
    view.rerender(
      <QueryClientProvider client={new QueryClient()}>
        <AuditView />
      </QueryClientProvider>,
    );
    await screen.findByText("VirtualService bookinfo/route-50");
    expect(screen.getByTestId("audit-page-position").textContent).toBe("Entries 51–51, the oldest");
    expect((screen.getByRole("button", { name: "Older" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("lists every namespace when none is selected, and says how to narrow it", async () => {
    url.current = new URLSearchParams();
    const asked = fakeApi({ "": { entries: [summary(1, "shop")], nextCursor: null } });
    renderView();
    await screen.findByText("VirtualService shop/route-1");
    expect(asked[0]).toBe("/api/audit?limit=50");
    expect(screen.getByTestId("audit-scope").textContent).toContain("every namespace");
  });

  it("opens the entry a link names, beside the list, and closes it again", async () => {
    url.current = new URLSearchParams("namespaces=bookinfo&entry=e7");
    fakeApi({ "": { entries: [summary(1)], nextCursor: null } });
    renderView();
    expect(await screen.findByRole("complementary", { name: "Selected audit entry" })).toBeTruthy();
    await waitFor(() => expect(vi.mocked(fetch).mock.calls.map((c) => c[0])).toContain("/api/audit/e7"));
    await userEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(replace).toHaveBeenLastCalledWith("/audit?namespaces=bookinfo", { scroll: false });
  });
});
