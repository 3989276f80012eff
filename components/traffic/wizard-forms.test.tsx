/**
 * The wizard forms as a user meets them (rendered in WizardBody, the form, its errors and its
 * buttons): no error on a form nobody has touched, a worded message under a field once the user
 * leaves it, every message once the user tries to preview, and weights that still add up to 100
 * after a destination is removed.
 */
import { cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TrafficState, WizardId, WizardInputs } from "@/lib/contracts/traffic";
import { WizardBody } from "./wizard-body";
import { renderWithQueryClient } from "@/components/test-support/render-with-query-client";

afterEach(cleanup);

const state: TrafficState = {
  namespace: "bookinfo",
  service: "reviews",
  host: "reviews.bookinfo.svc.cluster.local",
  ports: [{ name: "http", port: 9080, protocol: "TCP", traffic: "http" }],
  subsets: ["v1", "v2", "v3"].map((name) => ({
    name,
    labels: { version: name },
    inDestinationRule: true,
    workloads: [`reviews-${name}`],
  })),
  virtualService: null,
  destinationRule: null,
  // WizardBody is given its start; the per-wizard starts are the dialog's business.
  wizards: {} as TrafficState["wizards"],
};

function renderWizard<W extends WizardId>(wizard: W, start: WizardInputs[W]) {
  // Nothing here may reach the server: a form with errors must not even ask for a preview.
  const fetchSpy = vi.spyOn(globalThis, "fetch").mockRejectedValue(new Error("no server in a render test"));
  renderWithQueryClient(<WizardBody wizard={wizard} state={state} start={start} />);
  return { user: userEvent.setup(), fetchSpy };
}

/** The text the control is described by (its error message), as a screen reader reads it. */
function descriptionOf(element: HTMLElement): string {
  const ids = element.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
}

const jasonRule = (value: string, routes: [string, number][]) => ({
  matches: [{ headers: [{ name: "end-user", type: "exact" as const, value }], uri: null, method: null }],
  routes: routes.map(([subset, weight]) => ({ subset, weight })),
});
const catchAll = { matches: [], routes: [{ subset: "v1", weight: 100 }] };

/** Anything that reads like an error: worded messages, and the paths and zod phrasing they replace. */
const anyError = /required|must|problem|rules\.\d|give a|Invalid input/i;

describe("Request routing", () => {
  const start = {
    rules: [
      jasonRule("", [
        ["v2", 60],
        ["v3", 30],
      ]),
      catchAll,
    ],
  };

  it("shows no error on a form the user has not touched, though it has two", () => {
    renderWizard("request-routing", start);
    expect(screen.queryByText(anyError)).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("textbox", { name: "Rule 1 match 1 header 1 value" }).getAttribute("aria-invalid")).toBe(
      null,
    );
  });

  it("says a header value is required under the field once the user leaves it empty", async () => {
    const { user } = renderWizard("request-routing", start);
    const value = screen.getByRole("textbox", { name: "Rule 1 match 1 header 1 value" });
    await user.click(value);
    expect(screen.queryByText("Header value is required")).toBeNull();
    await user.tab();
    expect(descriptionOf(value)).toBe("Header value is required");
    expect(value.getAttribute("aria-invalid")).toBe("true");
    // Only the field the user left: the weights were not touched yet.
    expect(screen.queryByText(/Weights must add up/)).toBeNull();
  });

  it("says what the weights add up to once the user leaves a weight", async () => {
    const { user } = renderWizard("request-routing", start);
    await user.click(screen.getByRole("spinbutton", { name: "Rule 1 destination 1 weight" }));
    await user.tab();
    const rule = screen.getByRole("region", { name: "Rule 1" });
    expect(within(rule).getByText("Weights must add up to 100 (now 90)")).toBeTruthy();
  });

  it("shows every problem, in words, when the user tries to preview, and sends nothing", async () => {
    const { user, fetchSpy } = renderWizard("request-routing", start);
    await user.click(screen.getByRole("button", { name: "Preview changes" }));
    const value = screen.getByRole("textbox", { name: "Rule 1 match 1 header 1 value" });
    expect(descriptionOf(value)).toBe("Header value is required");
    const rule = screen.getByRole("region", { name: "Rule 1" });
    expect(within(rule).getByText("Weights must add up to 100 (now 90)")).toBeTruthy();
    const summary = screen.getByRole("alert");
    expect(summary.textContent).toContain("2 problems to fix before previewing");
    expect(
      within(summary)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Rule 1, match 1, header 1: Header value is required", "Rule 1: Weights must add up to 100 (now 90)"]);
    expect(document.body.textContent).not.toMatch(/rules\.\d|matches\.\d|headers\.\d/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("gives a removed destination's weight to the others, so the rule still adds up to 100", async () => {
    const { user } = renderWizard("request-routing", {
      rules: [
        jasonRule("jason", [
          ["v1", 50],
          ["v2", 30],
          ["v3", 20],
        ]),
        catchAll,
      ],
    });
    await user.click(screen.getByRole("button", { name: "Remove rule 1 destination 3" }));
    const weights = [1, 2].map((k) => screen.getByRole("spinbutton", { name: `Rule 1 destination ${k} weight` }));
    expect(weights.map((w) => Number((w as HTMLInputElement).value))).toEqual([63, 37]);
    expect(screen.queryByRole("spinbutton", { name: "Rule 1 destination 3 weight" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Preview changes" }));
    expect(screen.queryByText(/Weights must add up/)).toBeNull();
  });
});

describe("Timeouts & retries", () => {
  const start = {
    target: { kind: "header" as const, name: "end-user", type: "exact" as const, value: "" },
    timeout: null,
    retries: null,
  };

  it("names its scope: the requests no other rule matches, not all traffic", () => {
    renderWizard("timeouts-retries", { ...start, target: { kind: "all" } });
    const scope = screen.getByRole("combobox", { name: "Requests" });
    expect(within(scope).getByRole("option", { selected: true }).textContent).toBe(
      "Requests no other rule matches (the catch-all rule)",
    );
    expect(document.body.textContent).not.toContain("All traffic");
  });

  it("shows errors only for the fields the user left, then all of them on preview", async () => {
    const { user } = renderWizard("timeouts-retries", start);
    expect(screen.queryByText(anyError)).toBeNull();

    const timeout = screen.getByRole("textbox", { name: "Timeout" });
    await user.type(timeout, "soon");
    await user.tab();
    expect(descriptionOf(timeout)).toBe("Timeout must be a duration such as 2s or 500ms");
    const value = screen.getByRole("textbox", { name: "Value" });
    expect(descriptionOf(value)).toBe("");

    await user.click(screen.getByRole("button", { name: "Preview changes" }));
    expect(descriptionOf(value)).toBe("Header value is required");
  });
});

describe("Traffic shifting", () => {
  it("says what the weights add up to when the user tries to preview a split that misses 100", async () => {
    const { user } = renderWizard("traffic-shifting", {
      routes: [
        { subset: "v1", weight: 60 },
        { subset: "v2", weight: 30 },
      ],
    });
    expect(screen.queryByText(anyError)).toBeNull();
    await user.click(screen.getByRole("button", { name: "Preview changes" }));
    expect(screen.getAllByText("Weights must add up to 100 (now 90)").length).toBeGreaterThan(0);
  });
});
