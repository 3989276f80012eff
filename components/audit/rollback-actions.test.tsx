import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditEntryDetail, RollbackPreview } from "@/lib/contracts/audit";
import { RollbackActions } from "./rollback-actions";
import { renderWithQueryClient } from "@/components/test-support/render-with-query-client";

const detail: AuditEntryDetail = {
  entry: {
    id: "e1",
    createdAt: "2026-12-01T10:00:00.000Z",
    actor: "alice",
    actorGroups: [],
    action: "update",
    source: "wizard",
    kind: "VirtualService",
    namespace: "bookinfo",
    name: "reviews",
    comment: null,
    status: "applied",
    error: null,
    hasAfter: true,
    hasBefore: true,
  },
  beforeYaml: "spec:\n  subset: v1\n",
  afterYaml: "spec:\n  subset: v2\n",
  diff: [
    { op: "same", text: "spec:" },
    { op: "remove", text: "  subset: v1" },
    { op: "add", text: "  subset: v2" },
  ],
  diffOmitted: null,
  live: { resourceVersion: "12", yaml: "spec:\n  subset: v2\n" },
};

const preview: RollbackPreview = {
  changes: [
    {
      kind: "VirtualService",
      namespace: "bookinfo",
      name: "reviews",
      action: "update",
      beforeYaml: "spec:\n  subset: v2\n",
      afterYaml: "spec:\n  subset: v1\n",
      diff: [
        { op: "same", text: "spec:" },
        { op: "remove", text: "  subset: v2" },
        { op: "add", text: "  subset: v1" },
      ],
      diffOmitted: null,
    },
  ],
  validations: [],
  routeRisks: [
    {
      kind: "missing-subset",
      virtualService: { namespace: "bookinfo", name: "reviews" },
      host: "reviews.bookinfo.svc.cluster.local",
      subset: "v1",
      message: "subset v1 of reviews (bookinfo) is not defined in any DestinationRule",
    },
  ],
};

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });

/** The console's API as the actions call it; records every request to the audit API. */
function fakeApi() {
  const calls: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url === "/api/auth/session")
        return json({ signedIn: false, user: null, groups: [], strategy: "anonymous", csrfToken: null });
      calls.push({ url, body: JSON.parse(String(init?.body)) });
      if (url.endsWith("/rollback/preview")) return json(preview);
      return json({ changes: [{ ...preview.changes[0], auditId: "r1" }] });
    }),
  );
  return calls;
}

function renderActions() {
  renderWithQueryClient(<RollbackActions detail={detail} onChanged={vi.fn()} />);
}

describe("undoing an audit entry", () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(cleanup);

  it("says what each rollback does, in one sentence each", () => {
    fakeApi();
    renderActions();
    expect(screen.getByText(/^Writes the object back as it was before this change/)).toBeTruthy();
    // The live object is this entry's version already: nothing to roll back to.
    expect((screen.getByRole("button", { name: /^Roll back to this version/ }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(screen.getByText("The object is already at this version.")).toBeTruthy();
  });

  it("shows the diff it would write first and writes only once the user confirms", async () => {
    const calls = fakeApi();
    renderActions();
    await userEvent.click(screen.getByRole("button", { name: /^Undo this change/ }));
    const review = await screen.findByTestId("rollback-review");
    await waitFor(() => expect(review.textContent).toContain("subset: v1"));
    expect(calls.map((c) => c.url)).toEqual(["/api/audit/e1/rollback/preview"]);
    expect(calls[0]?.body).toEqual({ to: "before", baseResourceVersion: "12" });

    const apply = screen.getByRole("button", { name: "Apply the undo" }) as HTMLButtonElement;
    // The old version routes to a subset that is gone: applying waits for the explicit confirmation.
    expect(apply.disabled).toBe(true);
    await userEvent.click(screen.getByRole("checkbox", { name: /Apply anyway/ }));
    await userEvent.click(apply);
    expect((await screen.findByRole("status")).textContent).toContain("Rolled back: VirtualService reviews restored");
    expect(calls.at(-1)).toEqual({
      url: "/api/audit/e1/rollback",
      body: { to: "before", baseResourceVersion: "12", confirm: ["missing-subset"] },
    });
  });

  it("writes nothing when the user cancels the review", async () => {
    const calls = fakeApi();
    renderActions();
    await userEvent.click(screen.getByRole("button", { name: /^Undo this change/ }));
    await screen.findByRole("button", { name: "Apply the undo" });
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByTestId("rollback-review")).toBeNull();
    expect(calls.map((c) => c.url)).toEqual(["/api/audit/e1/rollback/preview"]);
  });
});
