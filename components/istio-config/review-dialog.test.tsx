import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApplyResponse, PreviewResponse, WriteRequest } from "@/lib/contracts/istio-objects";
import { ReviewDialog } from "./review-dialog";
import { renderWithQueryClient } from "@/components/test-support/render-with-query-client";

const request: WriteRequest = {
  mode: "update",
  yaml: "kind: VirtualService\n",
  target: { namespace: "bookinfo", kind: "VirtualService", name: "reviews" },
  baseResourceVersion: "7",
};

const preview: PreviewResponse = {
  action: "update",
  before: "spec: {}\n",
  after: "spec: {x: 1}\n",
  changedPaths: ["spec.http[0].route[0].destination.subset"],
  checks: [],
  routeRisks: [
    {
      kind: "missing-subset",
      virtualService: { namespace: "bookinfo", name: "reviews" },
      host: "reviews.bookinfo.svc.cluster.local",
      subset: "v9",
      message: "subset v9 of reviews (bookinfo) is not defined in any DestinationRule",
    },
  ],
};

const applied: ApplyResponse = {
  action: "update",
  kind: "VirtualService",
  namespace: "bookinfo",
  name: "reviews",
  resourceVersion: "8",
  auditId: "a1",
};

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });

/** The console's API as the dialog calls it; records the body of every write. */
function fakeApi(answer: Partial<PreviewResponse> = {}) {
  const writes: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url === "/api/auth/session")
        return json({ signedIn: false, user: null, groups: [], strategy: "anonymous", csrfToken: null });
      writes.push({ url, body: JSON.parse(String(init?.body)) });
      return url === "/api/istio/objects/preview" ? json({ ...preview, ...answer }) : json(applied);
    }),
  );
  return writes;
}

function renderDialog(onApplied = vi.fn()) {
  renderWithQueryClient(
    <ReviewDialog request={request} onClose={vi.fn()} onApplied={onApplied} onConflict={vi.fn()} onJump={vi.fn()} />,
  );
  return onApplied;
}

describe("the editor's review of a route to a missing subset", () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(cleanup);

  it("names subset and service in words and keeps Apply off until the user confirms", async () => {
    fakeApi();
    renderDialog();
    expect(
      await screen.findByText(/Subset v9 of reviews \(bookinfo\) is not defined in any DestinationRule/),
    ).toBeTruthy();
    expect(screen.queryByText(/svc\.cluster\.local\+v9/)).toBeNull();
    expect((screen.getByRole("button", { name: "Apply" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("applies with the confirmation once the user ticks it", async () => {
    const writes = fakeApi();
    const onApplied = renderDialog();
    await userEvent.click(await screen.findByRole("checkbox", { name: /Apply anyway/ }));
    const apply = screen.getByRole("button", { name: "Apply" }) as HTMLButtonElement;
    expect(apply.disabled).toBe(false);
    await userEvent.click(apply);
    await waitFor(() => expect(onApplied).toHaveBeenCalled());
    expect(writes.at(-1)?.body).toMatchObject({ confirm: ["missing-subset"] });
  });

  it("asks nothing when every route can be served", async () => {
    fakeApi({ routeRisks: [] });
    renderDialog();
    const apply = (await screen.findByRole("button", { name: "Apply" })) as HTMLButtonElement;
    await waitFor(() => expect(apply.disabled).toBe(false));
    expect(screen.queryByRole("checkbox")).toBeNull();
  });
});
